//! Yew components, one per part of the article page.

pub mod article_page;
pub mod article_view;
pub mod body;
pub mod byline;
pub mod date_line;
pub mod figure;
pub mod status;

pub use article_page::ArticlePage;
pub use article_view::ArticleView;
