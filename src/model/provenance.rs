//! Provenance: where a value comes from. The heart of secret detection.

use serde::Serialize;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "provenance", content = "derived")]
pub enum Provenance {
    /// Written in the source.
    Literal,
    /// A secure input: Bicep `@secure()`, ARM `securestring`/`secureObject`, Terraform
    /// `sensitive = true` without a literal default, `ephemeral` values.
    SecureInput,
    /// A non-secure input (parameter/variable); `Expr::literal` holds a literal default.
    Input,
    /// A Key Vault reference: `getSecret()`, parameter-file reference,
    /// `data.azurerm_key_vault_secret`, `@Microsoft.KeyVault(...)`.
    KeyVaultRef,
    /// Computed at deploy time from another resource.
    Derived(DerivedKind),
    /// Generated at deploy time: `newGuid()`, `uniqueString()`, `random_password`.
    Generated,
    /// A documentation/CI placeholder: `<...>`, `{{...}}`, `$VAR`, `__VAR__`, `#{...}#`.
    Placeholder,
    /// Empty string or null: never a secret.
    Empty,
    /// Cannot be known statically.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DerivedKind {
    /// `listKeys()`, `listConnectionStrings()`, `listSecrets()`, `primary_access_key`…
    ListKeys,
    /// The container registry admin user: `listCredentials()` on a registry,
    /// `azurerm_container_registry.*.admin_password`.
    RegistryAdminCredential,
    /// `reference()` or another resource's runtime property.
    Reference,
    /// Another resource's declared property or id.
    ResourceProperty,
    Other,
}

impl Provenance {
    /// The name used in rule conditions (`provenance: [literal, input]`).
    pub fn rule_name(&self) -> &'static str {
        match self {
            Provenance::Literal => "literal",
            Provenance::SecureInput => "secure-input",
            Provenance::Input => "input",
            Provenance::KeyVaultRef => "key-vault-ref",
            Provenance::Derived(_) => "derived",
            Provenance::Generated => "generated",
            Provenance::Placeholder => "placeholder",
            Provenance::Empty => "empty",
            Provenance::Unknown => "unknown",
        }
    }

    pub const RULE_NAMES: &'static [&'static str] = &[
        "literal",
        "secure-input",
        "input",
        "key-vault-ref",
        "derived",
        "generated",
        "placeholder",
        "empty",
        "unknown",
    ];

    /// How dangerous a value of this provenance is when it lands in a secret-bearing
    /// property (higher = worse). Ternaries take their most dangerous branch.
    pub fn danger(&self) -> u8 {
        match self {
            Provenance::Literal => 8,
            Provenance::Input => 7,
            Provenance::Unknown => 6,
            Provenance::Derived(_) => 5,
            Provenance::Generated => 4,
            Provenance::KeyVaultRef => 3,
            Provenance::SecureInput => 2,
            Provenance::Placeholder => 1,
            Provenance::Empty => 0,
        }
    }

    /// A ternary / coalesce is as dangerous as its most dangerous branch.
    pub fn of_branches(branches: impl IntoIterator<Item = Provenance>) -> Provenance {
        branches
            .into_iter()
            .max_by_key(|p| (p.danger(), p.derived_weight()))
            .unwrap_or(Provenance::Unknown)
    }

    /// Among derived values, a key listing or registry admin credential is the one a rule
    /// must not lose: `'${host},password=${listKeys().primaryKey}'` combines a reference
    /// with a key and is a key.
    fn derived_weight(&self) -> u8 {
        match self {
            Provenance::Derived(DerivedKind::RegistryAdminCredential) => 2,
            Provenance::Derived(DerivedKind::ListKeys) => 1,
            _ => 0,
        }
    }

    /// An interpolated string (`'a${x}b'`, `concat()`, `format()`, `"${var.x}"`) is literal
    /// only where its secret-bearing part is literal: a secure, Key Vault, derived or generated
    /// part makes the whole that; otherwise an input/unknown part wins over literal glue text.
    /// Literal fragments stay visible to value-pattern predicates through `Expr::literal`.
    pub fn of_interpolation(parts: impl IntoIterator<Item = Provenance>) -> Provenance {
        let mut best: Option<Provenance> = None;
        let rank = |p: &Provenance| match p {
            Provenance::SecureInput => 30,
            Provenance::KeyVaultRef => 27,
            Provenance::Derived(_) => 24 + p.derived_weight(),
            Provenance::Generated => 21,
            Provenance::Input => 18,
            Provenance::Unknown => 15,
            Provenance::Placeholder => 12,
            Provenance::Literal => 9,
            Provenance::Empty => 6,
        };
        for p in parts {
            if best.as_ref().map(|b| rank(&p) > rank(b)).unwrap_or(true) {
                best = Some(p);
            }
        }
        match best {
            None | Some(Provenance::Empty) => Provenance::Empty,
            Some(p) => p,
        }
    }
}

/// Classify a plain string: empty, placeholder, Key Vault reference, or literal.
pub fn classify_string(s: &str) -> Provenance {
    let t = s.trim();
    if t.is_empty() {
        return Provenance::Empty;
    }
    if t.len() > 20
        && t.get(..20)
            .is_some_and(|p| p.eq_ignore_ascii_case("@Microsoft.KeyVault("))
    {
        return Provenance::KeyVaultRef;
    }
    if is_placeholder(t) {
        return Provenance::Placeholder;
    }
    Provenance::Literal
}

/// Documentation and CI token placeholders: `<your-password>`, `{{ KV_NAME }}`, `$ACR_PASSWORD`,
/// `${VAR}`, `__TOKEN__`, `#{Token}#`, `[your_key]`, `$(Build.Var)`, `REPLACE_ME`-style markers,
/// and the Azure Quickstart Templates test-harness tokens (`GEN-PASSWORD`, `GEN-UNIQUE-8`,
/// `GET-PREREQ-vnetName`) that parameter files of that repository and its forks carry.
pub fn is_placeholder(s: &str) -> bool {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(concat!(
            r"^(?:",
            r"<[^<>]{1,200}>",
            r"|.*\{\{[^{}]{1,200}\}\}.*",
            r"|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?",
            r"|\$\([A-Za-z_][A-Za-z0-9_.]*\)",
            r"|__[A-Za-z0-9_]+__",
            r"|#\{[^{}]{1,200}\}#",
            r"|\[(?i:your|enter|insert)[^\]]{0,200}\]",
            // Azure quickstart generator tokens: GEN-PASSWORD, GEN-UNIQUE-8, GET-PREREQ-….
            r"|GEN-[A-Z0-9][A-Z0-9_-]{0,100}|GET-PREREQ-[A-Za-z0-9_-]{1,100}",
            r"|(?i:(?:replace|change)[-_ ]?me|todo|tbd|placeholder|dummy|fake|sample|example|n/a|xxx+|\*{3,})",
            r")$"
        ))
        .expect("placeholder regex")
    });
    re.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "<your-password>",
            "{{ KV_NAME }}",
            "prefix-{{secret}}",
            "$ACR_PASSWORD",
            "${ACR_PASSWORD}",
            "$(Build.Secret)",
            "__SQL_PASSWORD__",
            "#{Password}#",
            "[your_key]",
            "REPLACE_ME",
            "********",
            "GEN-PASSWORD",
            "dummy",
            "N/A",
            "GEN-SSH-PUB-KEY",
            "GEN-UNIQUE-8",
            "GEN-SELFSIGNED-CERT-PASSWORD",
            "GET-PREREQ-AzureSqlDatabase_connectionString",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for l in [
            "P@ssw0rd!",
            "$ecret-value!",
            "abc<def>",
            "changeit2",
            "GEN-",
            "gen-password",
            "GEN-Pa55word!",
        ] {
            assert!(!is_placeholder(l), "{l}");
        }
    }

    #[test]
    fn classify() {
        assert_eq!(classify_string(""), Provenance::Empty);
        assert_eq!(classify_string("   "), Provenance::Empty);
        assert_eq!(
            classify_string("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x)"),
            Provenance::KeyVaultRef
        );
        assert_eq!(classify_string("hunter2"), Provenance::Literal);
    }

    #[test]
    fn combinations() {
        use Provenance::*;
        assert_eq!(Provenance::of_branches([SecureInput, Literal]), Literal);
        assert_eq!(
            Provenance::of_interpolation([Literal, SecureInput]),
            SecureInput
        );
        assert_eq!(Provenance::of_interpolation([Literal, Input]), Input);
        assert_eq!(Provenance::of_interpolation([Literal]), Literal);
        assert_eq!(Provenance::of_interpolation([Empty]), Empty);
        // A key inside a string built with other resources' properties is still a key.
        let (reference, keys) = (
            Derived(DerivedKind::Reference),
            Derived(DerivedKind::ListKeys),
        );
        assert_eq!(
            Provenance::of_interpolation([Literal, reference.clone(), keys.clone()]),
            keys
        );
        assert_eq!(
            Provenance::of_interpolation([keys.clone(), Derived(DerivedKind::ResourceProperty)]),
            keys
        );
        assert_eq!(
            Provenance::of_branches([keys.clone(), reference.clone()]),
            keys
        );
        assert_eq!(Provenance::of_branches([reference, keys.clone()]), keys);
    }
}
