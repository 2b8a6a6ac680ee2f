//! The one macro for core value types that are not persisted on their own (no versioned
//! envelope) but cross as their serde form: `to_dict()/from_dict()` and `to_json()/from_json()`
//! in the core's plain serde JSON form, `__eq__` over that form, `__repr__`, pickling through
//! `ipsrt._restore` and copying. Type-specific methods go in the macro's block. (Persisted
//! types use `persisted!` instead, which adds the versioned envelope.)
//!
//! The class derives `Clone`, so a method can take it by value (`Option<PyContract>`).
//! `from_dict`/`from_json` check the serde form only; call the type's `validate()` where the
//! core has one. A value that is well-formed JSON but not the type's form is an
//! `InvalidInputError`; malformed text is a `ParseError`.

/// `plain!(RustName, "PythonName", core::Type, { extra methods })`.
#[macro_export]
macro_rules! plain {
    ($rust:ident, $pyname:literal, $core:ty, { $($extra:tt)* }) => {
        #[doc = concat!("Python class `ipsrt.", $pyname, "` wrapping the core value (its serde form, no envelope).")]
        #[pyo3::pyclass(module = "ipsrt", name = $pyname)]
        #[derive(Clone)]
        pub struct $rust {
            /// The wrapped core value.
            pub inner: $core,
        }

        impl $rust {
            fn plain_json(&self) -> pyo3::PyResult<String> {
                serde_json::to_string(&self.inner).map_err(|e| $crate::errors::invalid(format!("cannot serialise the value: {e}")))
            }
        }

        #[pyo3::pymethods]
        impl $rust {
            /// Loads from the core's serde JSON form.
            #[staticmethod]
            fn from_json(text: &str) -> pyo3::PyResult<Self> {
                let v = $crate::convert::parse_text(text)?;
                serde_json::from_value::<$core>(v).map(|inner| Self { inner }).map_err(|e| {
                    $crate::errors::invalid(format!(concat!("invalid ", $pyname, ": {}. Pass the core's JSON form"), e))
                })
            }

            /// The core's serde JSON form.
            fn to_json(&self) -> pyo3::PyResult<String> {
                self.plain_json()
            }

            /// The core's serde form as a dict (`json.loads(self.to_json())`).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_py(py, &self.inner)
            }

            /// Loads from a dict in the core's serde form.
            #[staticmethod]
            fn from_dict(data: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                $crate::convert::extract::<$core>(data, $pyname).map(|inner| Self { inner })
            }

            fn __eq__(&self, other: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<bool> {
                match other.cast::<Self>() {
                    Ok(o) => Ok(self.plain_json()? == o.borrow().plain_json()?),
                    Err(_) => Ok(false),
                }
            }

            fn __repr__(&self) -> pyo3::PyResult<String> {
                let json = self.plain_json()?;
                Ok(if json.len() <= 300 {
                    format!("ipsrt.{}.from_json({:?})", $pyname, json)
                } else {
                    format!("<ipsrt.{} ({} bytes of JSON)>", $pyname, json.len())
                })
            }

            fn __reduce__<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<(pyo3::Bound<'py, pyo3::PyAny>, (&'static str, String))> {
                use pyo3::types::PyAnyMethods;
                let restore = py.import("ipsrt")?.getattr("_restore")?;
                Ok((restore, ($pyname, self.plain_json()?)))
            }

            fn __copy__(&self) -> Self {
                self.clone()
            }

            fn __deepcopy__(&self, _memo: &pyo3::Bound<'_, pyo3::PyAny>) -> Self {
                self.clone()
            }

            $($extra)*
        }
    };
}
