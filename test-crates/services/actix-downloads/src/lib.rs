//! A download service: files, forms and compression, whose statuses come mostly from actix-web's
//! extractors and middleware and from actix-files.

use actix_files::{Files, NamedFile};
use actix_web::middleware::Compress;
use actix_web::{get, post, web, App, HttpResponse, HttpServer, Responder};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Request {
    pub name: String,
}

/// A form body: 411 without a length, 413 past 16 KiB; its 400 and 415 are approved.
#[post("/requests")]
pub async fn request(form: web::Form<Request>) -> impl Responder { //~ implied-status 411 //~ implied-status 413
    HttpResponse::Created().insert_header(("Location", format!("/requests/{}", form.name))).finish()
}

/// `web::Path` answers 404 to a segment that does not parse, which is approved.
#[get("/downloads/{id}")]
pub async fn download(id: web::Path<u32>) -> actix_web::Result<NamedFile> {
    Ok(NamedFile::open(format!("files/{id}"))?) //~ implied-status 206 //~ implied-status 416
}

pub async fn run() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            // 406 for every service when no encoding is acceptable: approved.
            .wrap(Compress::default())
            .service(request) //~ route POST /requests 201 400 406 408 411 413 415 431
            .service(download) //~ route GET /downloads/{id} 200 206 304 400 404 406 408 412 416 431
            // Without a redirect to the trailing slash: ranges only.
            .service(Files::new("/manuals", "manuals")) //~ implied-status 206 //~ implied-status 416 //~ route ANY /manuals 200 206 304 400 404 405 406 408 412 416 431
            .service(
                Files::new("/archive", "archive").index_file("index.html").redirect_to_slash_directory(), //~ implied-status 206 //~ implied-status 307 //~ implied-status 416 //~ route ANY /archive 200 206 304 307 400 404 405 406 408 412 416 431
            )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
