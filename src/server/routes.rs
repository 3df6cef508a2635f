//! The route table: every route, its template (the log and metric label), the scope a
//! key needs for it, and which paths need a key before anything is said about them.
//! The request pipeline ([`super::service`]) reads it before authentication; the
//! handlers ([`super::handlers`]) dispatch on its [`RouteId`].

use super::request::percent_decode;
use crate::keys::Scope;
use hyper::Method;

/// Every route. The label is the route template used in logs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RouteId {
    Health,
    OpenApi,
    Metrics,
    ListInvoices,
    CreateInvoice,
    ValidateDraft,
    GetInvoice,
    RenderInvoice,
    VoidInvoice,
    PayInvoice,
    CreditInvoice,
    InvoiceReminders,
    RunReminders,
    ListPayments,
    RecordPayment,
    ListCustomers,
    CreateCustomer,
    GetCustomer,
    UpdateCustomer,
    ValidateEinvoice,
    RenderEinvoice,
}

impl RouteId {
    /// The route template (log and metric label).
    pub(crate) fn template(self) -> &'static str {
        match self {
            RouteId::Health => "/health",
            RouteId::OpenApi => "/openapi.json",
            RouteId::Metrics => "/metrics",
            RouteId::ListInvoices | RouteId::CreateInvoice => "/v1/invoices",
            RouteId::ValidateDraft => "/v1/invoices/validate",
            RouteId::GetInvoice => "/v1/invoices/{number}",
            RouteId::RenderInvoice => "/v1/invoices/{number}/render",
            RouteId::VoidInvoice => "/v1/invoices/{number}/void",
            RouteId::PayInvoice => "/v1/invoices/{number}/pay",
            RouteId::CreditInvoice => "/v1/invoices/{number}/credit",
            RouteId::InvoiceReminders => "/v1/invoices/{number}/reminders",
            RouteId::RunReminders => "/v1/reminders/run",
            RouteId::ListPayments | RouteId::RecordPayment => "/v1/invoices/{number}/payments",
            RouteId::ListCustomers | RouteId::CreateCustomer => "/v1/customers",
            RouteId::GetCustomer | RouteId::UpdateCustomer => "/v1/customers/{id}",
            RouteId::ValidateEinvoice => "/v1/einvoices/validate",
            RouteId::RenderEinvoice => "/v1/einvoices/render",
        }
    }

    /// The scope a key needs, if the route needs a key.
    pub(crate) fn scope(self) -> Option<Scope> {
        match self {
            RouteId::Health | RouteId::OpenApi => None,
            RouteId::Metrics | RouteId::RunReminders => Some(Scope::Admin),
            RouteId::ListInvoices
            | RouteId::ValidateDraft
            | RouteId::GetInvoice
            | RouteId::RenderInvoice
            | RouteId::InvoiceReminders
            | RouteId::ListPayments
            | RouteId::ListCustomers
            | RouteId::GetCustomer
            | RouteId::ValidateEinvoice
            | RouteId::RenderEinvoice => Some(Scope::Read),
            RouteId::CreateInvoice
            | RouteId::VoidInvoice
            | RouteId::PayInvoice
            | RouteId::CreditInvoice
            | RouteId::RecordPayment
            | RouteId::CreateCustomer
            | RouteId::UpdateCustomer => Some(Scope::Write),
        }
    }
}

/// What the route table says about a method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Routing {
    /// A route, with the decoded `{number}` where the route has one.
    Found(RouteId, Option<String>),
    /// No resource at this path.
    NotFound,
    /// The resource exists but not with this method; the value of `Allow`.
    MethodNotAllowed(&'static str),
}

/// Whether a path needs a key before anything else is said about it (SPEC 7:
/// authentication comes before routing under `/v1/` and for `/metrics`).
pub(crate) fn is_protected(path: &str) -> bool {
    path == "/metrics" || path == "/v1" || path.starts_with("/v1/")
}

/// Looks a request up in the route table.
pub(crate) fn route(method: &Method, path: &str) -> Routing {
    let Some(rest) = path.strip_prefix('/') else { return Routing::NotFound };
    let segments: Vec<&str> = rest.split('/').collect();
    // HEAD is a GET without the body (RFC 9110 9.3.2): hyper leaves the body out of the
    // answer to a HEAD request, so a GET route serves both.
    let method = if *method == Method::HEAD { &Method::GET } else { method };
    let one = |allow: &'static str, m: Method, id: RouteId, number: Option<String>| {
        if *method == m { Routing::Found(id, number) } else { Routing::MethodNotAllowed(allow) }
    };
    match segments.as_slice() {
        ["health"] => one("GET, HEAD", Method::GET, RouteId::Health, None),
        ["openapi.json"] => one("GET, HEAD", Method::GET, RouteId::OpenApi, None),
        ["metrics"] => one("GET, HEAD", Method::GET, RouteId::Metrics, None),
        ["v1", "invoices"] => match *method {
            Method::GET => Routing::Found(RouteId::ListInvoices, None),
            Method::POST => Routing::Found(RouteId::CreateInvoice, None),
            _ => Routing::MethodNotAllowed("GET, HEAD, POST"),
        },
        ["v1", "customers"] => match *method {
            Method::GET => Routing::Found(RouteId::ListCustomers, None),
            Method::POST => Routing::Found(RouteId::CreateCustomer, None),
            _ => Routing::MethodNotAllowed("GET, HEAD, POST"),
        },
        ["v1", "customers", id] => {
            let Some(id) = percent_decode(id, false).filter(|n| !n.is_empty()) else {
                return Routing::NotFound;
            };
            match *method {
                Method::GET => Routing::Found(RouteId::GetCustomer, Some(id)),
                Method::PATCH => Routing::Found(RouteId::UpdateCustomer, Some(id)),
                _ => Routing::MethodNotAllowed("GET, HEAD, PATCH"),
            }
        }
        ["v1", "reminders", "run"] => one("POST", Method::POST, RouteId::RunReminders, None),
        ["v1", "invoices", "validate"] => one("POST", Method::POST, RouteId::ValidateDraft, None),
        ["v1", "einvoices", "validate"] => one("POST", Method::POST, RouteId::ValidateEinvoice, None),
        ["v1", "einvoices", "render"] => one("POST", Method::POST, RouteId::RenderEinvoice, None),
        ["v1", "invoices", number, rest @ ..] => {
            let Some(number) = percent_decode(number, false).filter(|n| !n.is_empty()) else {
                return Routing::NotFound;
            };
            match rest {
                [] => one("GET, HEAD", Method::GET, RouteId::GetInvoice, Some(number)),
                ["render"] => one("GET, HEAD", Method::GET, RouteId::RenderInvoice, Some(number)),
                ["void"] => one("POST", Method::POST, RouteId::VoidInvoice, Some(number)),
                ["pay"] => one("POST", Method::POST, RouteId::PayInvoice, Some(number)),
                ["credit"] => one("POST", Method::POST, RouteId::CreditInvoice, Some(number)),
                ["reminders"] => one("GET, HEAD", Method::GET, RouteId::InvoiceReminders, Some(number)),
                ["payments"] => match *method {
                    Method::GET => Routing::Found(RouteId::ListPayments, Some(number)),
                    Method::POST => Routing::Found(RouteId::RecordPayment, Some(number)),
                    _ => Routing::MethodNotAllowed("GET, HEAD, POST"),
                },
                _ => Routing::NotFound,
            }
        }
        _ => Routing::NotFound,
    }
}

/// A bounded label for a method (logs and metrics).
pub(crate) fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_route_table() {
        let found = |m: Method, p: &str| route(&m, p);
        assert_eq!(found(Method::GET, "/health"), Routing::Found(RouteId::Health, None));
        assert_eq!(found(Method::POST, "/health"), Routing::MethodNotAllowed("GET, HEAD"));
        assert_eq!(found(Method::DELETE, "/v1/invoices"), Routing::MethodNotAllowed("GET, HEAD, POST"));
        // HEAD is served by the GET route (issue #10: it answered 405).
        assert_eq!(found(Method::HEAD, "/health"), Routing::Found(RouteId::Health, None));
        assert_eq!(found(Method::HEAD, "/v1/invoices"), Routing::Found(RouteId::ListInvoices, None));
        assert_eq!(found(Method::HEAD, "/v1/invoices/validate"), Routing::MethodNotAllowed("POST"));
        assert_eq!(found(Method::GET, "/v1/invoices/validate"), Routing::MethodNotAllowed("POST"));
        assert_eq!(
            found(Method::GET, "/v1/invoices/INV%2F2026%2F0001/render"),
            Routing::Found(RouteId::RenderInvoice, Some("INV/2026/0001".into()))
        );
        assert_eq!(
            found(Method::POST, "/v1/invoices/INV-2026-0001/credit"),
            Routing::Found(RouteId::CreditInvoice, Some("INV-2026-0001".into()))
        );
        assert_eq!(
            found(Method::GET, "/v1/invoices/INV-2026-0001/reminders"),
            Routing::Found(RouteId::InvoiceReminders, Some("INV-2026-0001".into()))
        );
        assert_eq!(found(Method::POST, "/v1/reminders/run"), Routing::Found(RouteId::RunReminders, None));
        assert_eq!(found(Method::GET, "/v1/reminders/run"), Routing::MethodNotAllowed("POST"));
        assert_eq!(RouteId::RunReminders.scope(), Some(Scope::Admin));
        assert_eq!(found(Method::POST, "/v1/einvoices/validate"), Routing::Found(RouteId::ValidateEinvoice, None));
        assert_eq!(found(Method::GET, "/v1/einvoices/render"), Routing::MethodNotAllowed("POST"));
        assert_eq!(RouteId::ValidateEinvoice.scope(), Some(Scope::Read));
        assert_eq!(found(Method::GET, "/v1/invoices/"), Routing::NotFound);
        assert_eq!(found(Method::GET, "/v1/invoices/X/unknown"), Routing::NotFound);
        assert_eq!(found(Method::GET, "/v1/invoices/%ff"), Routing::NotFound);
        assert_eq!(found(Method::GET, "/nope"), Routing::NotFound);
        assert!(is_protected("/v1/anything") && is_protected("/metrics") && !is_protected("/health"));
    }
}
