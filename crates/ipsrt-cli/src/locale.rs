//! `--locale`: the language of the labels and messages in text output.
//!
//! Chosen once per run, before a subcommand runs: the global `--locale en|nl`, or else the
//! environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, in the POSIX order), falling back to English.
//! JSON output never changes with the locale: it keeps the stable machine codes.

use std::sync::OnceLock;

use ipsrt::i18n::Locale;

static LOCALE: OnceLock<Locale> = OnceLock::new();

/// A locale as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LocaleArg {
    /// English.
    En,
    /// Dutch (Nederlands).
    Nl,
}

/// Sets the run's locale: `arg` when given, else the environment's, else English.
pub fn init(arg: Option<LocaleArg>) -> Locale {
    let locale = match arg {
        Some(LocaleArg::En) => Locale::En,
        Some(LocaleArg::Nl) => Locale::Nl,
        None => {
            let var = |name: &str| std::env::var(name).ok();
            Locale::from_posix_env(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
        }
    };
    LOCALE.get_or_init(|| locale);
    get()
}

/// The run's locale (English before [`init`]).
pub fn get() -> Locale {
    LOCALE.get().copied().unwrap_or_default()
}

/// The catalogue text `id` in the run's locale with its placeholders filled.
pub fn text(id: &str, args: &[(&str, ipsrt::i18n::Arg<'_>)]) -> String {
    let locale = get();
    ipsrt::i18n::message_with(locale, id, args)
        .or_else(|| ipsrt::i18n::message_with(Locale::En, id, args))
        .unwrap_or_else(|| id.to_string())
}
