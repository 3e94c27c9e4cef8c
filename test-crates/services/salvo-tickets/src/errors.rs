//! The service's error, which writes its own status.

use salvo::prelude::*;

pub enum TicketError {
    Unknown,
    Archived,
}

#[async_trait]
impl Writer for TicketError {
    async fn write(self, _req: &mut Request, _depot: &mut Depot, res: &mut Response) {
        match self {
            TicketError::Unknown => res.status_code(StatusCode::NOT_FOUND),
            TicketError::Archived => res.status_code(StatusCode::MISDIRECTED_REQUEST), //~ unapproved-status 421
        };
    }
}
