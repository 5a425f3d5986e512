//! The diagram as a file: SVG (the drawing itself, with its stylesheet
//! inside so it looks the same anywhere) and PNG (that SVG rasterised at
//! twice its size by the browser's own renderer).

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement,
    Url, XmlSerializer,
};

/// The diagram's stylesheet: the page links the same file, so the export
/// looks as the page does.
const DIAGRAM_CSS: &str = include_str!("../../../style/diagram.css");
const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// Browsers refuse canvases much larger than this on a side.
const MAX_PNG_SIDE: f64 = 8192.0;

/// The whole scene as a standalone SVG document.
pub fn svg_text(svg: &Element, width: f32, height: f32) -> Result<String, JsValue> {
    let copy: Element = svg.clone_node_with_deep(true)?.unchecked_into();
    copy.set_attribute("viewBox", &format!("0 0 {width:.0} {height:.0}"))?;
    copy.set_attribute("width", &format!("{width:.0}"))?;
    copy.set_attribute("height", &format!("{height:.0}"))?;
    copy.set_attribute("xmlns", SVG_NS)?;
    let _ = copy.class_list().remove_1("hovering");
    // The live camera's transform belongs to the page, not the file.
    copy.remove_attribute("style")?;
    let style = document().create_element_ns(Some(SVG_NS), "style")?;
    style.set_text_content(Some(DIAGRAM_CSS));
    copy.insert_before(&style, copy.first_child().as_ref())?;
    let background = document().create_element_ns(Some(SVG_NS), "rect")?;
    background.set_attribute("class", "export-background")?;
    background.set_attribute("width", "100%")?;
    background.set_attribute("height", "100%")?;
    copy.insert_before(&background, style.next_sibling().as_ref())?;
    XmlSerializer::new()?.serialize_to_string(&copy)
}

fn blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(text)), &options)
}

fn download(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let anchor: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    Url::revoke_object_url(&url)
}

pub fn save_svg(svg: &Element, width: f32, height: f32, name: &str) -> Result<(), JsValue> {
    download(&blob(&svg_text(svg, width, height)?, "image/svg+xml")?, name)
}

/// Draws the SVG on a canvas and saves it; the browser decodes the image
/// asynchronously, so the file is saved when it is ready.
pub fn save_png(svg: &Element, width: f32, height: f32, name: &str) -> Result<(), JsValue> {
    let text = svg_text(svg, width, height)?;
    let url = Url::create_object_url_with_blob(&blob(&text, "image/svg+xml")?)?;
    let image = HtmlImageElement::new()?;
    let scale = (MAX_PNG_SIDE / f64::from(width.max(height).max(1.0))).min(2.0);
    let (w, h) = ((f64::from(width) * scale).round(), (f64::from(height) * scale).round());
    let name = name.to_owned();
    let loaded = image.clone();
    let source = url.clone();
    let onload = Closure::once(move || {
        let drawn = (|| -> Result<(), JsValue> {
            let canvas: HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
            canvas.set_width(w as u32);
            canvas.set_height(h as u32);
            let context: CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
                .unchecked_into();
            context.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, w, h)?;
            let saved = Closure::once(move |png: Option<Blob>| {
                if let Some(png) = png {
                    let _ = download(&png, &name);
                }
            });
            canvas.to_blob(saved.as_ref().unchecked_ref())?;
            saved.forget();
            Ok(())
        })();
        let _ = Url::revoke_object_url(&source);
        if let Err(e) = drawn {
            leptos::logging::warn!("PNG export failed: {e:?}");
        }
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    image.set_src(&url);
    Ok(())
}
