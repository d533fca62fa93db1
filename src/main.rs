//! The standalone reader binary: reads the publication's brand from the page
//! and renders [`article_widget::reader::Reader`] into `#app`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use std::rc::Rc;

        use article_widget::reader::{brand, Reader, ReaderProps, ReaderQuery};
        let window = web_sys::window();
        let search = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let root = window
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        let brand = match brand::read() {
            Ok(brand) => brand,
            Err(e) => {
                // Nothing to show without knowing whose reader this is: say why.
                if let Some(root) = root {
                    root.set_text_content(Some(&format!(
                        "Trang đọc tin thiếu cấu hình / This reader is not configured: {e}"
                    )));
                }
                return;
            }
        };
        brand::apply_colours(&brand);
        let props = ReaderProps {
            query: ReaderQuery::parse(&search),
            brand: Rc::new(brand),
        };
        // The first render in a task of its own, after the one that
        // instantiated the wasm: two shorter tasks instead of one long one
        // while the article's widget is painting.
        gloo_timers::callback::Timeout::new(0, move || match root {
            Some(root) => {
                yew::Renderer::<Reader>::with_root_and_props(root, props).render();
            }
            None => {
                yew::Renderer::<Reader>::with_props(props).render();
            }
        })
        .forget();
    }
}
