//! A ticketing service on salvo: statuses set on the response, salvo's `StatusError`
//! constructors, redirects, and an error type that writes its own status.

mod errors;
mod handlers;

use salvo::prelude::*;

#[tokio::main]
async fn main() {
    let router = Router::new()
        .push(Router::with_path("tickets").post(handlers::open))
        .push(Router::with_path("tickets/{id}").get(handlers::ticket).delete(handlers::close))
        .push(Router::with_path("tickets/{id}/escalate").post(handlers::escalate))
        .push(Router::with_path("old/tickets/{id}").get(handlers::old_ticket))
        .push(Router::with_path("tickets/{id}/mirror").get(handlers::mirror));
    let acceptor = TcpListener::new("127.0.0.1:5800").bind().await;
    Server::new(acceptor).serve(router).await;
}
