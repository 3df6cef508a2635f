//! The e-invoice formats and profiles as plain data (SPEC 8.1: names, identifiers, which
//! profile each syntax can carry) and the profile requirements an invoice must meet
//! (SPEC 8.4). Pure: the XML and PDF writers are [`crate::render::einvoice`]; the
//! configuration, `validate --profile` and the pre-checks of `create` need only this.

mod requirements;

pub use requirements::requirements;

/// An e-invoice syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// OASIS UBL 2.1 `Invoice` / `CreditNote`.
    Ubl,
    /// UN/CEFACT `CrossIndustryInvoice` D16B.
    Cii,
    /// Factur-X 1.07 / ZUGFeRD 2.3 (EN 16931 profile): PDF/A-3b with the CII embedded.
    Facturx,
}

impl Format {
    /// The name used on the command line and in the API.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Ubl => "ubl",
            Format::Cii => "cii",
            Format::Facturx => "facturx",
        }
    }
}

/// An EN 16931 profile: the core standard or a national/network specialisation (CIUS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// The CEN EN 16931 rules (default).
    #[default]
    En16931,
    /// KoSIT XRechnung 3.0 (German public sector); UBL or CII.
    Xrechnung,
    /// Peppol BIS Billing 3.0; UBL only.
    Peppol,
}

/// The Peppol business process identifier (BT-23), used by Peppol and XRechnung.
pub const PEPPOL_PROCESS: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

impl Profile {
    /// Every profile name, for messages.
    pub const NAMES: &'static str = "en16931, xrechnung, peppol";

    /// The name used on the command line, in the config file and in the API.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Profile::En16931 => "en16931",
            Profile::Xrechnung => "xrechnung",
            Profile::Peppol => "peppol",
        }
    }

    /// Parses a profile name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "en16931" => Profile::En16931,
            "xrechnung" => Profile::Xrechnung,
            "peppol" => Profile::Peppol,
            _ => return None,
        })
    }

    /// A label for messages ("XRechnung").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Profile::En16931 => "EN 16931",
            Profile::Xrechnung => "XRechnung",
            Profile::Peppol => "Peppol BIS Billing 3.0",
        }
    }

    /// The specification identifier (BT-24).
    #[must_use]
    pub fn customization_id(self) -> &'static str {
        match self {
            Profile::En16931 => "urn:cen.eu:en16931:2017",
            Profile::Xrechnung => "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
            Profile::Peppol => "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
        }
    }

    /// The business process (BT-23), when the profile names one.
    #[must_use]
    pub fn process_id(self) -> Option<&'static str> {
        match self {
            Profile::En16931 => None,
            Profile::Xrechnung | Profile::Peppol => Some(PEPPOL_PROCESS),
        }
    }

    /// Whether the profile can be written in `format` (SPEC 8.1).
    #[must_use]
    pub fn supports(self, format: Format) -> bool {
        match self {
            Profile::En16931 => true,
            Profile::Xrechnung => matches!(format, Format::Ubl | Format::Cii),
            Profile::Peppol => format == Format::Ubl,
        }
    }
}

/// Checks a format/profile pair.
///
/// # Errors
/// The usage message for a pair SPEC 8.1 does not allow (exit 2, HTTP 400).
pub fn check_pair(format: Format, profile: Profile) -> Result<(), String> {
    if profile.supports(format) {
        return Ok(());
    }
    let allowed = match profile {
        Profile::En16931 => "ubl, cii, facturx",
        Profile::Xrechnung => "ubl, cii",
        Profile::Peppol => "ubl",
    };
    Err(format!(
        "format {} cannot carry the {} profile; {} is written as: {allowed}",
        format.name(),
        profile.name(),
        profile.name()
    ))
}
