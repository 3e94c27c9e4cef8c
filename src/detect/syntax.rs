//! Questions about one piece of syntax that need nothing else: whether an operator compares,
//! what literal an argument is written as, whether an attribute marks test code.

/// The call a method chain starts from: `web::Redirect::to("/")` in
/// `web::Redirect::to("/").temporary().permanent()`.
pub(super) fn chain_root(call: &syn::ExprMethodCall) -> Option<&syn::ExprCall> {
    let mut receiver = &*call.receiver;
    loop {
        match receiver {
            syn::Expr::MethodCall(inner) => receiver = &inner.receiver,
            syn::Expr::Paren(paren) => receiver = &paren.expr,
            syn::Expr::Group(group) => receiver = &group.expr,
            syn::Expr::Call(root) => return Some(root),
            _ => return None,
        }
    }
}

pub(super) fn is_compound_assignment(op: &syn::BinOp) -> bool {
    matches!(
        op,
        syn::BinOp::AddAssign(_)
            | syn::BinOp::SubAssign(_)
            | syn::BinOp::MulAssign(_)
            | syn::BinOp::DivAssign(_)
            | syn::BinOp::RemAssign(_)
            | syn::BinOp::BitOrAssign(_)
            | syn::BinOp::BitAndAssign(_)
            | syn::BinOp::BitXorAssign(_)
            | syn::BinOp::ShlAssign(_)
            | syn::BinOp::ShrAssign(_)
    )
}

pub(super) fn is_comparison(op: &syn::BinOp) -> bool {
    matches!(
        op,
        syn::BinOp::Eq(_)
            | syn::BinOp::Ne(_)
            | syn::BinOp::Lt(_)
            | syn::BinOp::Le(_)
            | syn::BinOp::Gt(_)
            | syn::BinOp::Ge(_)
    )
}

/// `[A, B]`, `&[A, B]` and `vec![A, B]`: a list written only to be searched.
pub(super) fn is_literal_collection(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Array(_) => true,
        syn::Expr::Reference(reference) => is_literal_collection(&reference.expr),
        syn::Expr::Paren(paren) => is_literal_collection(&paren.expr),
        syn::Expr::Macro(expr_macro) => expr_macro.mac.path.is_ident("vec"),
        // `[A, B].iter()`, `[A, B].into_iter().copied()`
        syn::Expr::MethodCall(call) => {
            matches!(call.method.to_string().as_str(), "iter" | "into_iter" | "copied" | "cloned")
                && is_literal_collection(&call.receiver)
        }
        // `HashSet::from([A, B])`, `BTreeSet::from_iter([A, B])`
        syn::Expr::Call(call) => {
            let is_from = matches!(&*call.func, syn::Expr::Path(path)
                if path.path.segments.last().is_some_and(|segment| segment.ident == "from" || segment.ident == "from_iter"));
            is_from && call.args.len() == 1 && is_literal_collection(&call.args[0])
        }
        _ => false,
    }
}

/// The literal an argument is written as: `418`, `&b"418"[..]`, `("418")`.
pub(super) fn literal_of(expr: &syn::Expr) -> Option<&syn::Lit> {
    match expr {
        syn::Expr::Lit(literal) => Some(&literal.lit),
        syn::Expr::Reference(reference) => literal_of(&reference.expr),
        syn::Expr::Index(index) => literal_of(&index.expr),
        syn::Expr::Paren(paren) => literal_of(&paren.expr),
        syn::Expr::Group(group) => literal_of(&group.expr),
        _ => None,
    }
}

/// A literal that converts to a status: `418`, `418u16`, `"418"`, `b"418"`, `&b"418"[..]`.
pub(super) fn literal_status(expr: &syn::Expr) -> Option<u16> {
    let value = match literal_of(expr)? {
        syn::Lit::Int(int) => int.base10_parse::<u16>().ok(),
        syn::Lit::Str(string) => three_digits(string.value().as_bytes()),
        syn::Lit::ByteStr(bytes) => three_digits(&bytes.value()),
        _ => None,
    }?;
    // Outside 100..=999 the value is not a status at all; that is a different problem.
    (100..=999).contains(&value).then_some(value)
}

/// `&x`, `(x)`: the value itself.
pub(super) fn strip_reference(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Reference(reference) => strip_reference(&reference.expr),
        syn::Expr::Paren(paren) => strip_reference(&paren.expr),
        syn::Expr::Group(group) => strip_reference(&group.expr),
        _ => expr,
    }
}

/// `StatusCode::from_u16(418).unwrap()`, `.expect("..")`: the conversion itself; and `match
/// StatusCode::from_u16(418) { Ok(code) => code, .. }`, which a `const` has to write.
pub(super) fn strip_unwrap(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::MethodCall(call) if matches!(call.method.to_string().as_str(), "unwrap" | "expect") => {
            strip_unwrap(&call.receiver)
        }
        syn::Expr::Match(expr_match) => strip_unwrap(&expr_match.expr),
        expr => strip_reference(expr),
    }
}

/// A name written as constants are: `TEAPOT`, `HTTP_509`. `OK` counts; `Ok` does not.
pub(super) fn is_constant_name(name: &str) -> bool {
    name.chars().any(|character| character.is_ascii_uppercase())
        && name
            .chars()
            .all(|character| character.is_ascii_uppercase() || character.is_ascii_digit() || character == '_')
}

/// The types a code is written in before it becomes a status: integers and strings.
pub(super) fn is_code_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Reference(reference) => is_code_type(&reference.elem),
        syn::Type::Path(type_path) => type_path.path.get_ident().is_some_and(|ident| {
            matches!(
                ident.to_string().as_str(),
                "u16" | "u32" | "u64" | "usize" | "i16" | "i32" | "i64" | "isize" | "str"
            )
        }),
        _ => false,
    }
}

/// A literal number that is not a status at all (`from_u16(1000)`): not a status use, and not
/// dynamic either.
pub(super) fn is_out_of_range_literal(expr: &syn::Expr) -> bool {
    matches!(strip_reference(expr), syn::Expr::Lit(_))
}

/// `upstream.status()`, `res.status().as_u16()`, `parts.status`, salvo's
/// `res.status_code.unwrap()`: a status read from another response.
pub(super) fn reads_a_status(expr: &syn::Expr) -> bool {
    match strip_reference(expr) {
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            (method == "status" && call.args.is_empty())
                || matches!(method.as_str(), "as_u16" | "clone" | "into" | "to_owned" | "unwrap" | "unwrap_or_default")
                    && reads_a_status(&call.receiver)
        }
        // salvo keeps a response's status in `res.status_code`, an `Option<StatusCode>`; a type's
        // own `self.status_code` holds a status it was given.
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(name) if name == "status" => true,
            syn::Member::Named(name) if name == "status_code" => {
                !matches!(&*field.base, syn::Expr::Path(path) if path.path.is_ident("self"))
            }
            _ => false,
        },
        syn::Expr::Cast(cast) => reads_a_status(&cast.expr),
        _ => false,
    }
}

/// Whether `expr` is a status value, which a method such as `as_u16` or `is_success` reads: a
/// name or path (`StatusCode::GONE`, `status`, `self.status`), a call that makes one
/// (`StatusCode::from_u16(418)`, `response.status()`), perhaps unwrapped. Not a chain of calls
/// that produces something else on its way (`ctx.user().map_err(InternalServerError)?.name`).
pub(super) fn is_status_value(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Path(_) | syn::Expr::Field(_) | syn::Expr::Call(_) => true,
        syn::Expr::Paren(inner) => is_status_value(&inner.expr),
        syn::Expr::Reference(reference) => is_status_value(&reference.expr),
        syn::Expr::MethodCall(call) => {
            (call.args.is_empty() && call.method == "status")
                || matches!(call.method.to_string().as_str(), "unwrap" | "expect" | "unwrap_or" | "clone")
                    && is_status_value(&call.receiver)
        }
        _ => false,
    }
}

/// `*response.status_mut()`, `parts.status`: the place a response keeps its status.
pub(super) fn sets_a_status(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Unary(unary) => matches!(&*unary.expr, syn::Expr::MethodCall(call) if call.method == "status_mut"),
        syn::Expr::Field(field) => matches!(&field.member, syn::Member::Named(name) if name == "status"),
        _ => false,
    }
}

/// A status as `http` reads it from text: exactly three ASCII digits, the first not zero. `"0418"`
/// and `"42"` are not statuses.
fn three_digits(text: &[u8]) -> Option<u16> {
    match text {
        [first @ b'1'..=b'9', second @ b'0'..=b'9', third @ b'0'..=b'9'] => {
            Some(u16::from(first - b'0') * 100 + u16::from(second - b'0') * 10 + u16::from(third - b'0'))
        }
        _ => None,
    }
}

pub(super) fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(type_path) => {
            type_path.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default()
        }
        syn::Type::Reference(reference) => type_name(&reference.elem),
        _ => "_".to_string(),
    }
}

pub(super) fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// `#[cfg(test)]`, `#[cfg(all(test, ..))]`, and test-function attributes such as `#[test]`,
/// `#[tokio::test]` and `#[actix_web::test]`.
pub(super) fn is_test_attribute(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.is_ident("cfg") {
        return attr.parse_args::<syn::Meta>().is_ok_and(|meta| cfg_requires_test(&meta));
    }
    path.segments.last().is_some_and(|segment| segment.ident == "test" || segment.ident == "rstest")
}

fn cfg_requires_test(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) if list.path.is_ident("all") => list
            .parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .is_ok_and(|metas| metas.iter().any(cfg_requires_test)),
        _ => false,
    }
}
