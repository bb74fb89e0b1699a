//! temporary
/// temp
pub fn html_to_markdown(html: &str) -> String {
    html.replace('<', "&lt;").trim().to_owned()
}
