//! The engine's own finding ids under their former names (reporters still import these; the
//! single source is [`crate::diagnostics`]).

pub const PARSE_ERROR_ID: &str = crate::diagnostics::PARSE_ERROR.id;
pub const PARSE_ERROR_NAME: &str = crate::diagnostics::PARSE_ERROR.name;
pub const NOT_ANALYSABLE_ID: &str = crate::diagnostics::NOT_ANALYSABLE.id;
pub const NOT_ANALYSABLE_NAME: &str = crate::diagnostics::NOT_ANALYSABLE.name;
