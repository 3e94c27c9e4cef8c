//! The stock service the API calls: it knows nothing of HTTP, and its errors convert into the
//! API's error type where a handler uses `?`.

#[derive(Debug)]
pub enum StockError {
    Busy,
    Unknown,
}

pub fn reserve(sku: &str) -> Result<u32, StockError> {
    if sku.is_empty() {
        return Err(StockError::Unknown);
    }
    Ok(3)
}

pub fn refill(id: u32) -> Result<(), StockError> {
    if id == 0 {
        return Err(StockError::Busy);
    }
    Ok(())
}
