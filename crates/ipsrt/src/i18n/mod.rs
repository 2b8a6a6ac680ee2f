//! Labels and messages in English and Dutch: the [`Locale`], the message catalogue and the
//! [`Localize`] trait that every labelled type implements.
//!
//! The texts live in Project Fluent resources (`crates/ipsrt/locales/<locale>/*.ftl`), embedded
//! in the library at build time and parsed once per process into one thread-safe bundle per
//! locale. Message ids are built from the stable machine codes (`alert-level-early_warning`,
//! `band-phq9-moderate`), so JSON and persisted data keep their codes and only the text a person
//! reads changes with the locale. A message that a locale lacks falls back to the English text
//! (and a missing English text to the machine code); the message-catalogue test
//! (`crates/ipsrt/tests/i18n_catalogue.rs`) makes sure neither happens for the shipped types.
//!
//! Fluent's Unicode isolation marks (U+2068/U+2069 around every placeable) are turned off: the
//! texts are plain left-to-right English and Dutch, printed to terminals, logs and CSV files,
//! where the invisible marks would only corrupt comparisons and column widths.
//!
//! ```
//! use ipsrt::i18n::{Locale, Localize};
//! use ipsrt::relapse::AlertLevel;
//!
//! let nl: Locale = "nl_BE.UTF-8".parse()?;
//! assert_eq!(nl, Locale::Nl);
//! assert_eq!(AlertLevel::EarlyWarning.label_in(Locale::En), "Early warning");
//! assert_eq!(AlertLevel::EarlyWarning.label_in(nl), "Vroege signalen");
//! // The environment decides when no locale is given; anything unsupported falls back to English.
//! assert_eq!(Locale::from_posix_env(None, None, Some("nl_NL.UTF-8")), Locale::Nl);
//! assert_eq!(Locale::from_posix_env(Some("C"), None, Some("nl_NL.UTF-8")), Locale::En);
//! # Ok::<(), ipsrt::Error>(())
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use crate::ErrorKind;
use crate::limits::Excerpt;

/// A language the library's labels and messages are available in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// English (the default, and the fallback for every text).
    #[default]
    En,
    /// Dutch (Netherlands and Flanders).
    Nl,
}

impl Locale {
    /// Every supported locale, English first.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Nl];

    /// The language code (`"en"`, `"nl"`), the same as the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Nl => "nl",
        }
    }

    /// The Fluent resources of this locale: `(file name, source)` pairs, embedded at build time.
    pub fn resources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => &[
                ("model.ftl", include_str!("../../locales/en/model.ftl")),
                ("measures.ftl", include_str!("../../locales/en/measures.ftl")),
                ("messages.ftl", include_str!("../../locales/en/messages.ftl")),
            ],
            Locale::Nl => &[
                ("model.ftl", include_str!("../../locales/nl/model.ftl")),
                ("measures.ftl", include_str!("../../locales/nl/measures.ftl")),
                ("messages.ftl", include_str!("../../locales/nl/messages.ftl")),
            ],
        }
    }

    /// The locale a POSIX environment asks for: the first non-empty of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` decides (the POSIX order). `C`, `POSIX` and languages this library does not
    /// have fall back to English. Pure: the caller reads the variables.
    pub fn from_posix_env(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Locale {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|v| !v.is_empty())
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
    }

    fn langid(self) -> LanguageIdentifier {
        self.as_str().parse().unwrap_or_default()
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Locale {
    type Err = I18nError;

    /// Reads a language tag or a POSIX locale name: `nl`, `NL`, `nl-NL`, `nl-BE`, `nl_BE.UTF-8`,
    /// `en_US@euro`, `en-GB`. The region, encoding and modifier are ignored; only the language
    /// decides. `C`, `POSIX` and other languages are refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let refuse = || I18nError::UnsupportedLocale { given: Excerpt::new(s).to_string() };
        // POSIX form language[_territory][.codeset][@modifier] → a BCP 47 tag.
        let tag = s.trim().split(['.', '@']).next().unwrap_or_default().replace('_', "-");
        let id: LanguageIdentifier = tag.parse().map_err(|_| refuse())?;
        match id.language.as_str() {
            "en" => Ok(Locale::En),
            "nl" => Ok(Locale::Nl),
            _ => Err(refuse()),
        }
    }
}

/// An error of this module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum I18nError {
    /// A locale name that is not supported.
    #[error("unsupported locale {given}: give en or nl (a region or encoding such as nl_BE.UTF-8 is accepted)")]
    UnsupportedLocale {
        /// The name given (quoted, at most 60 characters).
        given: String,
    },
}

impl I18nError {
    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            I18nError::UnsupportedLocale { .. } => ErrorKind::InvalidInput,
        }
    }
}

/// A type whose values have a label for people, in every [`Locale`].
pub trait Localize {
    /// The label (or message) in `locale`. Never empty: a text missing in `locale` falls back
    /// to English, and a text missing in English to the machine code.
    fn label_in(&self, locale: Locale) -> String;
}

/// A value passed into a message's placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Text(Cow<'a, str>),
    /// A whole number (also selects the plural form where a message has one).
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Number(i64::from(n))
    }
}

impl From<i32> for Arg<'_> {
    fn from(n: i32) -> Self {
        Arg::Number(i64::from(n))
    }
}

fn bundle(locale: Locale) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static NL: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match locale {
        Locale::En => &EN,
        Locale::Nl => &NL,
    };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
        bundle.set_use_isolating(false);
        for (_, source) in locale.resources() {
            // A resource with a syntax error still yields its good entries; the catalogue test
            // requires that the shipped resources have none, and no duplicate ids.
            let resource = FluentResource::try_new((*source).to_string()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// Whether `locale`'s catalogue has a message with this id.
pub fn has_message(locale: Locale, id: &str) -> bool {
    bundle(locale).has_message(id)
}

/// The message `id` in `locale` with its placeholders filled from `args`, or `None` when
/// `locale` has no such message (no fallback). A placeholder without a value is written as
/// `{$name}`, so a missing argument shows instead of vanishing.
pub fn message_with(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let bundle = bundle(locale);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let v: FluentValue<'_> = match value {
            Arg::Text(t) => FluentValue::from(t.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, v);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// The message `id` in `locale` (no placeholders), or `None` when `locale` has no such message.
pub fn message(locale: Locale, id: &str) -> Option<String> {
    message_with(locale, id, &[])
}

/// The message `id` in `locale`, falling back to English and then to `fallback`.
pub(crate) fn text_or(locale: Locale, id: &str, args: &[(&str, Arg<'_>)], fallback: &str) -> String {
    message_with(locale, id, args)
        .or_else(|| if locale == Locale::En { None } else { message_with(Locale::En, id, args) })
        .unwrap_or_else(|| fallback.to_string())
}

/// The message `id` in `locale`, falling back to English and then to the id itself.
pub(crate) fn text(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_or(locale, id, args, id)
}

impl Localize for Locale {
    /// The language's own name (`"English"`, `"Nederlands"`), the same in every locale.
    fn label_in(&self, _locale: Locale) -> String {
        text(*self, "locale-name", &[])
    }
}

impl Localize for ErrorKind {
    /// The kind's headline (`"invalid input"`, `"ongeldige invoer"`).
    fn label_in(&self, locale: Locale) -> String {
        text_or(locale, &format!("error-kind-{}", self.as_str()), &[], self.as_str())
    }
}

impl ErrorKind {
    /// What to do about an error of this kind, in `locale`: the general advice shown with the
    /// detailed message, which itself stays English (see `docs/locales.md`).
    pub fn advice_in(self, locale: Locale) -> String {
        text_or(locale, &format!("error-advice-{}", self.as_str()), &[], "")
    }

    /// Every kind, in a stable order.
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::InvalidInput,
        ErrorKind::IllegalTransition,
        ErrorKind::NotScorable,
        ErrorKind::NotFound,
        ErrorKind::Schema,
        ErrorKind::Parse,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_posix_names() {
        for s in ["nl", "NL", "nl-NL", "nl_BE.UTF-8", "nl_NL@euro", " nl-be "] {
            assert_eq!(s.parse::<Locale>().unwrap(), Locale::Nl, "{s}");
        }
        for s in ["en", "en-US", "en_GB.UTF-8", "EN"] {
            assert_eq!(s.parse::<Locale>().unwrap(), Locale::En, "{s}");
        }
        for s in ["", "C", "POSIX", "de", "de_DE.UTF-8", "x"] {
            let e = s.parse::<Locale>().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert!(e.to_string().contains("give en or nl"), "{e}");
        }
    }

    #[test]
    fn environment_order_and_fallback() {
        assert_eq!(Locale::from_posix_env(None, None, None), Locale::En);
        assert_eq!(Locale::from_posix_env(Some(""), Some("nl_NL.UTF-8"), Some("en_US")), Locale::Nl);
        assert_eq!(Locale::from_posix_env(Some("en_US.UTF-8"), Some("nl_NL"), None), Locale::En);
        assert_eq!(Locale::from_posix_env(None, None, Some("de_DE.UTF-8")), Locale::En);
        assert_eq!(Locale::from_posix_env(Some("POSIX"), None, Some("nl")), Locale::En);
    }

    #[test]
    fn no_isolation_marks_and_fallbacks() {
        let s = message_with(Locale::En, "warning-consecutive_missed", &[("count", Arg::Number(3))]).unwrap();
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
        assert!(s.starts_with("3 sessions"), "{s}");
        assert_eq!(text(Locale::Nl, "no-such-message", &[]), "no-such-message");
        assert_eq!(message(Locale::Nl, "no-such-message"), None);
        assert_eq!(Locale::Nl.label_in(Locale::En), "Nederlands");
    }
}
