//! One macro that makes a persisted core type (`ipsrt::persist::Persist`) a Python class with
//! the generic data bridge: `to_json()/from_json()`, `to_dict()/from_dict()` (the versioned
//! envelope `{"schema", "version", "data"}` shared with Rust and Kotlin), `__eq__` over the
//! persisted form, `__repr__`, pickling through `ipsrt._restore`, and `SCHEMA`/`VERSION`.
//! Type-specific methods are passed in the macro's block and end up in the same `#[pymethods]`.

/// `persisted!(RustName, "PythonName", core::Type, { extra methods })`, or with
/// `repr = function` before the block: a `fn(&core::Type) -> String` that gives the key fields
/// for `repr()` (`MeasureScore(phq9, total=11, band=moderate, item9_positive)`) instead of the
/// JSON form.
#[macro_export]
macro_rules! persisted {
    ($rust:ident, $pyname:tt, $core:ty, { $($extra:tt)* }) => {
        $crate::persisted!(@class $rust, $pyname, $core, |_: &$core| None::<String>, { $($extra)* });
    };
    ($rust:ident, $pyname:tt, $core:ty, repr = $repr:path, { $($extra:tt)* }) => {
        $crate::persisted!(@class $rust, $pyname, $core, |v: &$core| Some($repr(v)), { $($extra)* });
    };
    (@class $rust:ident, $pyname:tt, $core:ty, $repr:expr, { $($extra:tt)* }) => {
        #[doc = concat!($crate::class_doc!($pyname), " (Core type `", stringify!($core), "`; saved and loaded as versioned JSON.)")]
        #[pyo3::pyclass(module = "ipsrt", name = $pyname)]
        pub struct $rust {
            /// The wrapped core value.
            pub inner: $core,
        }

        impl $rust {
            fn persisted_json(&self) -> String {
                ipsrt::persist::to_json(&self.inner)
            }
        }

        #[pyo3::pymethods]
        impl $rust {
            /// The persisted schema name.
            #[classattr]
            const SCHEMA: &'static str = <$core as ipsrt::persist::Persist>::SCHEMA;
            /// The schema version this build writes.
            #[classattr]
            const VERSION: u32 = <$core as ipsrt::persist::Persist>::VERSION;

            /// Loads from the versioned JSON envelope (migrating older versions); `text` is a
            /// `str` or UTF-8 `bytes` (read straight from a file).
            #[staticmethod]
            fn from_json(text: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                use pyo3::types::PyAnyMethods;
                let loaded = if let Ok(b) = text.cast::<pyo3::types::PyBytes>() {
                    $crate::persisted::load(|| {
                        ipsrt::persist::from_json_slice::<$core>(pyo3::types::PyBytesMethods::as_bytes(b))
                    })
                } else {
                    let s: std::borrow::Cow<'_, str> = text.extract().map_err(|_| {
                        $crate::errors::invalid("from_json takes the JSON text as str or UTF-8 bytes")
                    })?;
                    $crate::persisted::load(|| ipsrt::persist::from_json::<$core>(&s))
                };
                loaded.map(|inner| Self { inner }).map_err($crate::errors::core_err)
            }

            /// The versioned JSON envelope.
            #[pyo3(signature = (*, pretty = false))]
            fn to_json(&self, pretty: bool) -> String {
                if pretty { ipsrt::persist::to_json_pretty(&self.inner) } else { self.persisted_json() }
            }

            /// The versioned envelope as a dict (`json.loads(self.to_json())`).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                let v = $crate::convert::parse_text(&self.persisted_json())?;
                $crate::convert::from_value(py, &v)
            }

            /// Loads from a dict holding the versioned envelope.
            #[staticmethod]
            fn from_dict(data: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                let v = $crate::convert::to_value(data)?;
                $crate::persisted::load(|| ipsrt::persist::from_value::<$core>(v))
                    .map(|inner| Self { inner })
                    .map_err($crate::errors::core_err)
            }

            fn __eq__(&self, other: pyo3::PyRef<'_, Self>) -> bool {
                self.persisted_json() == other.persisted_json()
            }

            fn __repr__(&self) -> String {
                if let Some(short) = ($repr)(&self.inner) {
                    return short;
                }
                let json = self.persisted_json();
                if json.len() <= 300 {
                    format!("ipsrt.{}.from_json({:?})", $pyname, json)
                } else {
                    format!("<ipsrt.{} ({} bytes of {} JSON)>", $pyname, json.len(), <$core as ipsrt::persist::Persist>::SCHEMA)
                }
            }

            fn __reduce__<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<(pyo3::Bound<'py, pyo3::PyAny>, (&'static str, String))> {
                let restore = py.import("ipsrt")?.getattr("_restore")?;
                Ok((restore, ($pyname, self.persisted_json())))
            }

            fn __copy__(&self) -> Self {
                Self { inner: self.inner.clone() }
            }

            fn __deepcopy__(&self, _memo: &pyo3::Bound<'_, pyo3::PyAny>) -> Self {
                Self { inner: self.inner.clone() }
            }

            $($extra)*
        }
    };
}

/// The docstring of each persisted Python class (what it is, for `help()`); a class without a
/// row here gets a generic sentence naming the Python class.
#[macro_export]
macro_rules! class_doc {
    ("ScoreSeries") => {
        "A series of scores of one outcome measure over time, with reliable change and clinical cut-offs."
    };
    ("ScoringOptions") => {
        "The options of SRM scoring (hit window, minimum occurrences, reference times), each with its source."
    };
    ("Diary") => {
        "A Social Rhythm Metric diary: times per day and item, scored week by week."
    };
    ("EpisodeCourse") => {
        "The course of a mood episode (response, remission, recovery, relapse, recurrence) as a state machine."
    };
    ("Group") => {
        "A therapy group (IPSRT group, interpersonal process group, IPT-G): its members, sessions and rules."
    };
    ("Course") => {
        "An IPT course as its event log: apply or replay events; read the phase, contract, focus and status."
    };
    ("RelapsePlan") => {
        "A relapse-prevention plan: warning signs, triggers, actions per alert level and crisis contacts."
    };
    ("AlertMachine") => {
        "The alert-level machine of a relapse-prevention plan: feed observations in any arrival order, read the level and its transitions."
    };
    ("ObservationLog") => {
        "A log of observations (measures, check-ins, warning signs) for an AlertMachine."
    };
    ("Inventory") => {
        "The interpersonal inventory: the people in the patient's life and the relationships with them."
    };
    ("EmploymentJourney") => {
        "One person's IPS supported-employment journey: referral, job search and jobs."
    };
    ("IpsCaseload") => {
        "An IPS caseload, from which the key performance indicators are computed."
    };
    ("FidelityReview") => {
        "An IPS-25 fidelity review: the item ratings, the total and the report."
    };
    ("MeasureScore") => {
        "A scored outcome measure: the total, flags, safety signals and, when asked for, a band."
    };
    ("Instrument") => {
        "An outcome-measure definition: items, scoring rule, flags, safety items and band schemes."
    };
    ("ScheduleRecords") => {
        "What happened to a schedule's occurrences: completions and excusals."
    };
    ("ZoneHistory") => {
        "The time zones a person lived in, each from a date."
    };
    ("Schedule") => {
        "Recurring tasks in local time (occurrences, windows, late rules) across daylight saving and zone changes."
    };
    ("MedicationLog") => {
        "A medication schedule and the doses recorded against it, for adherence."
    };
    ("LifeChart") => {
        "An IPSRT life chart: mood episodes and life events over time."
    };
    ("RhythmPlan") => {
        "An IPSRT rhythm stabilisation plan: anchors, target times and disruptions."
    };
    ("IpsrtCourse") => {
        "An IPSRT course: an IPT course with the IPSRT phases and tasks."
    };
    ("CareLog") => {
        "One patient's care as one append-only log of entries."
    };
    ($other:literal) => {
        concat!("The Python class `ipsrt.", $other, "`.")
    };
}

/// Runs a persisted load with the Python names installed, so an error the core writes while
/// loading (a stored IPSRT course or rhythm plan whose events no longer replay is refused inside
/// serde, which keeps only text) names operations as Python calls them (`add_person`).
pub(crate) fn load<T>(
    f: impl FnOnce() -> Result<T, ipsrt::persist::PersistError>,
) -> Result<T, ipsrt::persist::PersistError> {
    ipsrt::operation::with_names(crate::names::python_name, f)
}
