//! Code that sends requests: a client adapter builds the response a client library receives, and
//! none of its statuses is the service's answer.

use crate::support::{findings_of, manifest, run_json, Workspace};

#[test]
fn a_client_adapter_that_hands_a_library_the_upstream_response_answers_nothing() {
    let workspace = Workspace::new(&[
        ("Cargo.toml", &manifest("app", "actix-web = \"4\"\nopenidconnect = \"4\"\nhttp = \"1\"")),
        (
            "src/lib.rs",
            "use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};\n\
             pub struct Transport;\n\
             impl<'c> AsyncHttpClient<'c> for Transport {\n\
                 fn call(&'c self, request: HttpRequest) -> HttpResponse {\n\
                     http::Response::builder().status(upstream(&request).status()).body(Vec::new()).unwrap()\n\
                 }\n\
             }\n\
             async fn execute(request: openidconnect::HttpRequest) -> Result<openidconnect::HttpResponse, ()> {\n\
                 Ok(http::Response::builder().status(upstream(&request).status().as_u16()).body(Vec::new()).unwrap())\n\
             }\n\
             pub fn relay(answer: &http::Response<()>) -> actix_web::HttpResponse {\n\
                 actix_web::HttpResponse::build(answer.status()).finish()\n\
             }\n",
        ),
    ]);
    let (report, _) = run_json(&workspace.path(), &[]);
    // Only the server's relay is a status known at run time; the adapters answer nothing.
    assert_eq!(findings_of(&report, "dynamic-status"), [("src/lib.rs".to_string(), 12, None)]);
}
