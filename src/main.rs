//! The standalone reader binary: renders [`article_widget::reader::Reader`] into the page body.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let src = article_widget::reader::src_from_query(&search);
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        let props = article_widget::reader::ReaderProps { src };
        match root {
            Some(root) => {
                yew::Renderer::<article_widget::reader::Reader>::with_root_and_props(root, props)
                    .render();
            }
            None => {
                yew::Renderer::<article_widget::reader::Reader>::with_props(props).render();
            }
        }
    }
}
