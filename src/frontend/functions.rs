//! One catalogue of the ARM template functions whose value has a provenance of its own,
//! shared by the ARM JSON and Bicep front ends so that the same call means the same thing in
//! both (a Bicep file compiles to exactly these ARM calls).
//!
//! A function not listed here combines its arguments like an interpolation (`concat`,
//! `toLower`, …: a secure argument is never lost) and is `unknown` without arguments; each
//! front end keeps the evaluation that only it needs (ARM `parameters()`/`variables()`,
//! `if`, `coalesce`, the statically known text of string builders; Bicep's typed references).

use crate::model::{DerivedKind, Provenance};

/// What a catalogued function yields (its provenance, with the derived kind) and which
/// resource, if any, it reads (the front ends turn that into references).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// `reference(…)`: reads the runtime state of another resource.
    Reference,
    /// `resourceId(…)` & co.: names the resource its arguments name (its id).
    ResourceId,
    /// ARM `resourceInfo('symbol')`: a declared resource's id, name, type, location.
    ResourceInfo,
    /// `list*(…)` (`listKeys`, `listConnectionStrings`, `listSecrets`, `listAccountSas`, …):
    /// reads a secret of another resource. `listCredentials` on a container registry is its
    /// admin user (`DerivedKind::RegistryAdminCredential`): the front end that knows the
    /// target upgrades it.
    Listing,
    /// Bicep `kv.getSecret('name')`: a Key Vault reference to a secret of its receiver.
    KeyVaultSecret,
    /// Generated at deploy time: `newGuid()`, `uniqueString(…)`, `guid(…)`, `utcNow()`.
    Generated,
    /// The deployment's context (`resourceGroup()`, `subscription()`, `environment()`,
    /// `deployment()`, …): neither a secret nor read from another resource, and not known
    /// statically.
    Context,
    /// Bicep compile-time reads of files and the environment (`loadTextContent(…)`,
    /// `readEnvironmentVariable(…)`): their content is not read by azlint.
    CompileTime,
}

impl Family {
    /// The provenance of the call's value. For `Listing`, the key-listing kind (see there).
    pub(crate) fn provenance(self) -> Provenance {
        match self {
            Family::Reference => Provenance::Derived(DerivedKind::Reference),
            Family::ResourceId | Family::ResourceInfo => {
                Provenance::Derived(DerivedKind::ResourceProperty)
            }
            Family::Listing => Provenance::Derived(DerivedKind::ListKeys),
            Family::KeyVaultSecret => Provenance::KeyVaultRef,
            Family::Generated => Provenance::Generated,
            // The deployment context is not "derived from another resource": as `derived` it
            // would outrank a non-secure input in an interpolation (`'${prefix}${environment()
            // .suffixes.sqlServerHostname}'`) and hide it from the rules on inputs.
            Family::Context | Family::CompileTime => Provenance::Unknown,
        }
    }
}

/// The catalogue, sorted by lower-cased name (checked by a test; looked up by binary search).
const CATALOGUE: &[(&str, Family)] = &[
    ("copyindex", Family::Context),
    ("deployer", Family::Context),
    ("deployment", Family::Context),
    ("environment", Family::Context),
    ("extensionresourceid", Family::ResourceId),
    ("getsecret", Family::KeyVaultSecret),
    ("guid", Family::Generated),
    ("lambdavariables", Family::Context),
    ("loadfileasbase64", Family::CompileTime),
    ("loadjsoncontent", Family::CompileTime),
    ("loadtextcontent", Family::CompileTime),
    ("loadyamlcontent", Family::CompileTime),
    ("managementgroup", Family::Context),
    ("managementgroupresourceid", Family::ResourceId),
    ("newguid", Family::Generated),
    ("readenvironmentvariable", Family::CompileTime),
    ("reference", Family::Reference),
    ("resourcegroup", Family::Context),
    ("resourceid", Family::ResourceId),
    ("resourceinfo", Family::ResourceInfo),
    ("subscription", Family::Context),
    ("subscriptionresourceid", Family::ResourceId),
    ("tenant", Family::Context),
    ("tenantresourceid", Family::ResourceId),
    ("uniquestring", Family::Generated),
    ("utcnow", Family::Generated),
];

/// The family of the built-in function `name` (any case), if it has one. Namespaced user
/// functions (`ns.fn`) are never built-ins, even when they start with `list`.
pub(crate) fn family(name: &str) -> Option<Family> {
    if name.contains('.') {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if let Ok(i) = CATALOGUE.binary_search_by(|(n, _)| (*n).cmp(lower.as_str())) {
        return Some(CATALOGUE[i].1);
    }
    // listKeys, listConnectionStrings, listSecrets, listAccountSas, list{Value}…
    lower.starts_with("list").then_some(Family::Listing)
}

/// Whether `name` is `listCredentials`, the call that yields a registry's admin user when
/// its target is a container registry.
pub(crate) fn is_list_credentials(name: &str) -> bool {
    name.eq_ignore_ascii_case("listcredentials")
}

#[cfg(test)]
mod tests;
