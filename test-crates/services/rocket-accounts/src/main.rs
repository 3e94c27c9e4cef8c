//! An accounts service on Rocket 0.5: statuses as `Status` constants, the responders of
//! `rocket::response::status`, redirects, catchers, responder derives and request guards.

#[macro_use]
extern crate rocket;

mod catchers;
mod guards;
mod responders;
mod routes;

#[launch]
fn rocket() -> _ {
    rocket::build()
        .mount(
            "/",
            routes![
                routes::account,
                routes::open,
                routes::close,
                routes::frozen,
                routes::legacy,
                routes::moved,
                routes::audit_log,
                routes::export,
                routes::signup,
                guards::me,
            ],
        )
        .register("/", catchers![catchers::not_found, catchers::legal, catchers::fallback])
}
