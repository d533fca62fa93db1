//! The standalone reader binary: reads the publication's brand from the page
//! and renders [`article_widget::reader::Reader`] into `#app` and the page's
//! frame ([`article_widget::reader::page`]).

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use std::rc::Rc;

        use article_widget::reader::{brand, page, Reader, ReaderProps, ReaderQuery};
        let window = web_sys::window();
        let search = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let document = window.and_then(|w| w.document());
        let root = document.as_ref().and_then(|d| {
            d.get_element_by_id("app").or_else(|| {
                // A page without `#app`: the reader's root at the end of the body.
                let root = d.create_element("div").ok()?;
                root.set_id("app");
                d.body()?.append_with_node_1(&root).ok()?;
                Some(root)
            })
        });
        let Some((root, frame)) = root.and_then(|r| page::frame(&r).map(|f| (r, f))) else {
            return;
        };
        let brand = match brand::read() {
            Ok(brand) => brand,
            Err(e) => {
                // Nothing to show without knowing whose reader this is: say why.
                page::remove_widget(&frame.main);
                root.set_text_content(Some(&format!(
                    "Trang đọc tin thiếu cấu hình / This reader is not configured: {e}"
                )));
                return;
            }
        };
        brand::apply_colours(&brand);
        let props = ReaderProps {
            query: ReaderQuery::parse(&search),
            brand: Rc::new(brand),
            frame,
        };
        // The first render in a task of its own, after the one that
        // instantiated the wasm: two shorter tasks instead of one long one
        // while the article's widget is painting.
        gloo_timers::callback::Timeout::new(0, move || {
            yew::Renderer::<Reader>::with_root_and_props(root, props).render();
        })
        .forget();
    }
}
