//! The exception hierarchy: `ipsrt.IpsrtError` and one subclass per [`ipsrt::ErrorKind`].
//!
//! The exceptions are created with module `"ipsrt"` (importable, re-exported by
//! `ipsrt/__init__.py`) so that they pickle, which Dask and Spark need to send worker errors
//! back to the driver.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(ipsrt, IpsrtError, PyException, "Base class of every error raised by ipsrt.");
create_exception!(ipsrt, InvalidInputError, IpsrtError, "A value is out of range, malformed or inconsistent.");
create_exception!(
    ipsrt,
    IllegalTransitionError,
    IpsrtError,
    "A state machine was asked for a transition its current state does not allow; the state is unchanged."
);
create_exception!(ipsrt, NotScorableError, IpsrtError, "There is not enough data to compute a score.");
create_exception!(ipsrt, NotFoundError, IpsrtError, "A referenced thing does not exist.");
create_exception!(
    ipsrt,
    SchemaError,
    IpsrtError,
    "Persisted JSON has an unknown schema, or a version newer than this build reads."
);
create_exception!(ipsrt, ParseError, IpsrtError, "Text could not be parsed.");

/// Maps any core error to the exception of its kind, with the core's message (operations named
/// as Python calls them, see [`crate::names`]). A course error
/// that rejected an event of a replayed log also carries `rejected_index` (the event's index).
pub fn core_err(e: impl Into<ipsrt::Error>) -> PyErr {
    let e: ipsrt::Error = e.into();
    // Operations the message names are written as Python calls them (`add_person`).
    let err = kind_err(e.kind(), ipsrt::operation::with_names(crate::names::python_name, || e.to_string()));
    if let ipsrt::Error::Course(c) = &e
        && let Some(i) = c.rejected_index()
    {
        with_rejected_index(err, i)
    } else {
        err
    }
}

/// Sets the `rejected_index` attribute (the index of the first rejected event of a log).
pub fn with_rejected_index(err: PyErr, index: usize) -> PyErr {
    Python::attach(|py| {
        // Setting an attribute on a fresh exception instance cannot fail in practice; if it
        // did, the exception is still raised, only without the index.
        let _ = err.value(py).setattr("rejected_index", index);
    });
    err
}

/// The exception of one error kind with a message. Every message raised passes through
/// here or [`invalid`], and is bounded by `ipsrt::limits::bound_message`: a message never
/// repeats a huge value, whichever reader produced it.
pub fn kind_err(kind: ipsrt::ErrorKind, msg: String) -> PyErr {
    use ipsrt::ErrorKind as K;
    let msg = bounded(msg);
    match kind {
        K::InvalidInput => InvalidInputError::new_err(msg),
        K::IllegalTransition => IllegalTransitionError::new_err(msg),
        K::NotScorable => NotScorableError::new_err(msg),
        K::NotFound => NotFoundError::new_err(msg),
        K::Schema => SchemaError::new_err(msg),
        K::Parse => ParseError::new_err(msg),
        _ => IpsrtError::new_err(msg),
    }
}

/// An invalid-input error raised by the binding itself (a Python value of the wrong shape).
pub fn invalid(msg: impl Into<String>) -> PyErr {
    InvalidInputError::new_err(bounded(msg.into()))
}

/// `msg`, with quoted input cut (see `ipsrt::limits::bound_message`); no copy when short.
fn bounded(msg: String) -> String {
    let cut = match ipsrt::limits::bound_message(&msg) {
        std::borrow::Cow::Owned(cut) => Some(cut),
        std::borrow::Cow::Borrowed(_) => None,
    };
    cut.unwrap_or(msg)
}

/// An unsigned integer argument read from any Python object: a value that is not a whole
/// number, is negative or exceeds `max` is an `InvalidInputError` naming the argument and the
/// allowed range (never a bare `OverflowError`/`TypeError`).
pub fn unsigned_arg<T: TryFrom<u64> + std::fmt::Display + Copy + Into<u64>>(
    obj: &Bound<'_, PyAny>,
    name: &str,
    min: T,
    max: T,
) -> PyResult<T> {
    let out_of_range = || out_of_range(obj, Some(name), min.into(), max.into());
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(out_of_range());
    }
    let v: u64 = obj.extract::<u64>().map_err(|_| out_of_range())?;
    if v < min.into() || v > max.into() {
        return Err(out_of_range());
    }
    T::try_from(v).map_err(|_| out_of_range())
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("IpsrtError", py.get_type::<IpsrtError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("IllegalTransitionError", py.get_type::<IllegalTransitionError>())?;
    m.add("NotScorableError", py.get_type::<NotScorableError>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add("SchemaError", py.get_type::<SchemaError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    // InvalidInputError is also a ValueError (`except ValueError` catches it), and stays an
    // IpsrtError. A heap exception type may take a second built-in exception base: both share
    // the BaseException layout.
    let bases = pyo3::types::PyTuple::new(
        py,
        [py.get_type::<IpsrtError>().into_any(), py.get_type::<pyo3::exceptions::PyValueError>().into_any()],
    )?;
    py.get_type::<InvalidInputError>().setattr("__bases__", bases)?;
    // `kind`: the core's ErrorKind::as_str of each class (None on the base class), and
    // `rejected_index`: None unless a replayed log rejected an event.
    use ipsrt::ErrorKind as K;
    py.get_type::<IpsrtError>().setattr("kind", py.None())?;
    py.get_type::<IpsrtError>().setattr("rejected_index", py.None())?;
    py.get_type::<InvalidInputError>().setattr("kind", K::InvalidInput.as_str())?;
    py.get_type::<IllegalTransitionError>().setattr("kind", K::IllegalTransition.as_str())?;
    py.get_type::<NotScorableError>().setattr("kind", K::NotScorable.as_str())?;
    py.get_type::<NotFoundError>().setattr("kind", K::NotFound.as_str())?;
    py.get_type::<SchemaError>().setattr("kind", K::Schema.as_str())?;
    py.get_type::<ParseError>().setattr("kind", K::Parse.as_str())?;
    Ok(())
}

/// The unsigned integer types a [`Whole`] argument can hold, with their largest value.
pub trait UnsignedArg: Copy + TryFrom<u64> {
    /// The largest value of the type.
    const MAX: u64;
}

macro_rules! unsigned_arg_max {
    ($($t:ty),*) => { $(impl UnsignedArg for $t { const MAX: u64 = <$t>::MAX as u64; })* };
}
unsigned_arg_max!(u8, u16, u32, u64, usize);

/// A whole-number argument of an unsigned type: a negative or too-large Python int is an
/// `InvalidInputError` that gives the allowed range (pyo3 alone raises a bare `OverflowError`);
/// a value that is not an int keeps pyo3's `TypeError`, which names the argument.
#[derive(Debug, Clone, Copy)]
pub struct Whole<T>(pub T);

impl<'a, 'py, T: UnsignedArg> FromPyObject<'a, 'py> for Whole<T> {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<pyo3::types::PyBool>() {
            return Err(pyo3::exceptions::PyTypeError::new_err("expected a whole number, not a bool"));
        }
        if !obj.is_instance_of::<pyo3::types::PyInt>() {
            // Let pyo3 say what it expected (a TypeError naming the argument).
            return obj
                .extract::<u64>()
                .and_then(|v| T::try_from(v).map(Whole).map_err(|_| out_of_range(&obj, None, 0, T::MAX)));
        }
        let v: u64 = obj.extract::<u64>().map_err(|_| out_of_range(&obj, None, 0, T::MAX))?;
        if v > T::MAX {
            return Err(out_of_range(&obj, None, 0, T::MAX));
        }
        T::try_from(v).map(Whole).map_err(|_| out_of_range(&obj, None, 0, T::MAX))
    }
}

/// The `InvalidInputError` of [`unsigned_arg`] and [`Whole`]: the value (quoted through
/// `Excerpt`), the argument's name when known, and the allowed range.
fn out_of_range(obj: &Bound<'_, PyAny>, name: Option<&str>, min: u64, max: u64) -> PyErr {
    let shown = obj.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
    let value = ipsrt::limits::Excerpt::new(&shown);
    let named = name.map(|n| format!("{n} = ")).unwrap_or_default();
    invalid(format!("{named}{value} is out of range: pass a whole number from {min} to {max}"))
}
