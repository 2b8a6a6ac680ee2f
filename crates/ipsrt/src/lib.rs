//! # ipsrt — Interpersonal Psychotherapy and Interpersonal and Social Rhythm Therapy
//!
//! One Rust implementation of the clinical model of **IPT** (Interpersonal Psychotherapy,
//! Weissman, Markowitz & Klerman) and **IPSRT** (Interpersonal and Social Rhythm Therapy,
//! Ellen Frank), shared by mobile apps (through uniffi), Python research code (through pyo3)
//! and batch scoring jobs.
//!
//! The crate is pure: no I/O, no clocks read behind your back, no FFI. Everything is either a
//! typed state machine that is driven by dated events, or a pure scoring function.
//!
//! ## Where things live
//!
//! | module | what it models |
//! |---|---|
//! | [`course`] | an IPT course: protocol and contract, phases, sessions, focus choice, response evaluation, termination, maintenance; the event log and `replay` |
//! | [`problem_area`] | the problem-area taxonomies (WMK-4, SR-3, IPSRT-5), role-dispute stages, goals and strategies |
//! | [`life_event`] | life events and rhythm disruptors, and the suggestion of candidate problem areas |
//! | [`inventory`] | the interpersonal inventory |
//! | [`srm`] | the Social Rhythm Metric: forms, diaries, scoring, batch scoring, regularity metrics |
//! | [`measures`] | outcome measures (PHQ-9, HRSD-17, ASRM, YMRS, daily mood) and change over time |
//! | [`episode`] | the episode course (episode, response, remission, recovery, relapse, recurrence) |
//! | [`relapse`] | relapse-risk figures, relapse-prevention plans and the alert-level machine |
//! | [`ipsrt`] | the IPSRT course, life chart, rhythm stabilisation plan, due times, medication log |
//! | [`group`] | group therapy formats, membership and waitlists |
//! | [`ips`] | IPS supported employment: principles, IPS-25 fidelity, employment journeys, KPIs |
//! | [`schedule`] | schedules: what is due when across time zones and daylight saving, occurrence states, adherence |
//! | [`source`] | provenance: every clinical number carries the source it comes from |
//! | [`time`] | clock times, local wall-clock moments with their IANA zone |
//! | [`limits`] | every reader's size limits, and the bounded quoting of input in error messages |
//! | [`persist`] | the stable, versioned JSON form of everything a user may store |
//! | [`i18n`] | labels and messages in English and Dutch: the locale, the message catalogue, the `Localize` trait |
//! | [`error`] | the crate-wide error type and the error kinds the bindings map to exceptions |
//!
//! ## Principles
//!
//! * The library supports clinicians; it never decides for them. Suggestions explain
//!   themselves; raw scores are separate from interpretation.
//! * Every clinical number carries its [`source::Source`].
//! * Illegal transitions return a typed error and leave the state exactly as it was.
//! * Everything a user may persist goes through [`persist`] and carries a schema version.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod care;
pub mod course;
pub mod episode;
pub mod error;
pub mod group;
pub mod i18n;
pub mod inventory;
pub mod ips;
pub mod ipsrt;
pub mod life_event;
pub mod limits;
pub mod measures;
pub mod operation;
pub mod persist;
pub mod problem_area;
pub mod relapse;
pub mod schedule;
pub mod source;
pub mod srm;
pub mod time;

pub use error::{Error, ErrorKind};

/// The README's Rust examples, compiled and run as doctests so they never go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The crate README's example (the page shown for the published crate), run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
