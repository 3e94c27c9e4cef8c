//! The OpenAPI side: an `ApiResponse` whose variants answer with their `#[oai(status)]`.

use poem_openapi::param::Path;
use poem_openapi::payload::PlainText;
use poem_openapi::{ApiResponse, OpenApi};

#[derive(ApiResponse)]
pub enum StockResponse {
    #[oai(status = 200)]
    InStock(PlainText<String>),
    #[oai(status = 404)]
    Unknown,
    #[oai(status = 418)] //~ unapproved-status 418
    Teapot(PlainText<String>),
    #[oai(status = "423")] //~ unapproved-status 423
    Held,
}

pub struct CatalogApi;

#[OpenApi]
impl CatalogApi {
    #[oai(path = "/stock/:sku", method = "get")]
    async fn stock(&self, sku: Path<String>) -> StockResponse {
        match sku.0.as_str() {
            "" => StockResponse::Unknown,
            "held" => StockResponse::Held,
            "teapot" => StockResponse::Teapot(PlainText("short and stout".to_string())),
            other => StockResponse::InStock(PlainText(format!("{other}: 3 left"))),
        }
    }
}
