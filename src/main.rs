//! The standalone reader binary: renders [`article_widget::reader::Reader`] into `#app`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use article_widget::reader::{Reader, ReaderProps, ReaderQuery};
        let window = web_sys::window();
        let search = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let props = ReaderProps {
            query: ReaderQuery::parse(&search),
        };
        match window
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"))
        {
            Some(root) => {
                yew::Renderer::<Reader>::with_root_and_props(root, props).render();
            }
            None => {
                yew::Renderer::<Reader>::with_props(props).render();
            }
        }
    }
}
