//! Handlers that set a status on salvo's response.

use salvo::prelude::*;

use crate::errors::TicketError;

#[handler]
pub async fn open(res: &mut Response) {
    res.status_code(StatusCode::CREATED);
    res.render("opened");
}

// `unavailable_for_legalreasons` is the only spelling before salvo 0.94.
#[allow(deprecated)]
#[handler]
pub async fn ticket(req: &mut Request, res: &mut Response) -> Result<(), StatusError> {
    match req.param::<u32>("id") {
        None => Err(StatusError::bad_request().brief("the id is a number")),
        Some(0) => Err(StatusError::not_found()),
        Some(1) => Err(StatusError::locked().brief("the ticket is being edited")), //~ unapproved-status 423
        Some(2) => Err(StatusError::unavailable_for_legalreasons()), //~ unapproved-status 451
        Some(3) => {
            res.render(StatusError::im_a_teapot()); //~ unapproved-status 418
            Ok(())
        }
        Some(id) => {
            res.render(format!("ticket {id}"));
            Ok(())
        }
    }
}

#[handler]
pub async fn close(req: &mut Request, res: &mut Response) -> Result<(), TicketError> {
    let id: u32 = req.param("id").ok_or(TicketError::Unknown)?;
    if id == 0 {
        return Err(TicketError::Archived);
    }
    res.status_code(StatusCode::RESET_CONTENT); //~ unapproved-status 205
    Ok(())
}

#[handler]
pub async fn escalate(res: &mut Response) {
    res.render_with_status(StatusCode::ACCEPTED, "escalated");
    res.status_code(StatusCode::MULTI_STATUS).render("escalated to two teams");
}

#[handler]
pub async fn old_ticket(req: &mut Request, res: &mut Response) {
    match req.param::<u32>("id") {
        Some(0) => res.render(Redirect::other("/tickets/0")),
        Some(1) => res.render(Redirect::found("/tickets/1")), //~ unapproved-status 302
        Some(2) => res.render(Redirect::permanent("/tickets/2")), //~ unapproved-status 308
        _ => match Redirect::with_status_code(StatusCode::TEMPORARY_REDIRECT, "/tickets") { //~ unapproved-status 307
            Ok(redirect) => res.render(redirect),
            Err(_) => {
                res.status_code(StatusCode::INTERNAL_SERVER_ERROR);
            }
        },
    }
}

/// Answers as the ticket's mirror answered: only the mirror knows the status.
#[handler]
pub async fn mirror(res: &mut Response) {
    let mirrored = Response::new();
    if is_settled(&mirrored) {
        res.status_code(StatusCode::NOT_MODIFIED);
        return;
    }
    if let Some(code) = mirrored.status_code {
        res.status_code(code); //~ dynamic-status
    }
    if let Some(error) = StatusError::from_code(mirrored.status_code.unwrap_or_default()) { //~ dynamic-status
        res.render(error);
    }
}

/// Reads a status: none of these is an answer.
pub fn is_settled(res: &Response) -> bool {
    res.status_code == Some(StatusCode::NOT_MODIFIED)
        || matches!(res.status_code, Some(StatusCode::GONE | StatusCode::LOCKED))
        || res.status_code.is_some_and(|code| code.is_success())
}
