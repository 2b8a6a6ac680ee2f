//! The data bridge: Python values ⇄ the core's serde JSON form.
//!
//! Values cross the boundary in exactly the JSON form the core reads and writes (the same form
//! as the shared test vectors and the Kotlin binding). `datetime.date` becomes `"YYYY-MM-DD"`,
//! `datetime.datetime` becomes `"YYYY-MM-DDTHH:MM:SS"`, `datetime.time` becomes `"HH:MM"` (one
//! with seconds keeps them, and the core refuses it); an
//! object with a `to_dict()` method (every ipsrt class) becomes its dict. Nothing here knows a
//! clinical rule.

use pyo3::exceptions::PyRecursionError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::errors::{invalid, kind_err};

/// Deepest nesting accepted from Python (the same limit serde_json applies to text).
const MAX_DEPTH: usize = 128;

/// What the data bridge may still read of one value, in bytes of the JSON text it stands for.
///
/// A value that arrives as Python objects is held to the same size limit as one that arrives as
/// JSON text (`ipsrt::persist::MAX_JSON_BYTES`): every value is charged at least the length
/// of its shortest JSON form plus a separator, and the length of a `str`, `list`, `tuple` or
/// `dict` is checked with `len()` **before** it is copied, so a 100 MB string or a 10⁸-element
/// list is refused at once, without a copy. Limits of single fields (an id's
/// `MAX_ID_BYTES`, a note's `MAX_NOTE_CHARS`) are then the core's, as for any other input.
struct Budget {
    left: usize,
}

impl Budget {
    fn new() -> Budget {
        Budget { left: ipsrt::persist::MAX_JSON_BYTES }
    }

    /// Charges `cost` bytes; `what` names the value for the message.
    fn charge(&mut self, cost: usize, what: &str) -> PyResult<()> {
        self.check(cost, what)?;
        self.left = self.left.saturating_sub(cost);
        Ok(())
    }

    /// Fails when `cost` bytes are more than are left, without charging them (the least a
    /// container's elements will cost, checked before they are read one by one).
    fn check(&self, cost: usize, what: &str) -> PyResult<()> {
        if cost <= self.left {
            return Ok(());
        }
        Err(invalid(format!(
            "the value is too large: {what} takes it past the limit of {} bytes of JSON that any ipsrt value may have; pass smaller data, or split it",
            ipsrt::persist::MAX_JSON_BYTES
        )))
    }
}

/// A Python object as a JSON value (refused, before any copy, when larger than a JSON document
/// may be; see `Budget`).
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let dt = obj.py().import("datetime")?;
    to_value_at(obj, &dt, 0, &mut Budget::new())
}

fn to_value_at(obj: &Bound<'_, PyAny>, dt: &Bound<'_, PyModule>, depth: usize, budget: &mut Budget) -> PyResult<Value> {
    // The separator or bracket this value costs in JSON text, and its shortest form (`0`).
    budget.charge(2, "one more value")?;
    if depth > MAX_DEPTH {
        return Err(invalid(format!(
            "the value is nested more than {MAX_DEPTH} levels deep (or contains itself): pass plain data"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(format!("the integer {} is too large: use a value within 64 bits", obj.str()?)));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| invalid(format!("{f} is not a finite number: pass a finite float or None")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // `len()` counts code points; the UTF-8 form is at least as long.
        budget.charge(s.len()?, &format!("a string of {} characters", s.len()?))?;
        return Ok(Value::String(utf8(s)?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        // Each entry is at least `"":0,` (5 bytes) in JSON.
        budget.check(d.len().saturating_mul(5), &format!("a dict of {} entries", d.len()))?;
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                invalid(format!(
                    "dictionary keys must be strings, found {}",
                    k.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })?;
            budget.charge(key.len()?.saturating_add(3), &format!("a dict key of {} characters", key.len()?))?;
            let key = utf8(key)?;
            map.insert(key, to_value_at(&v, dt, depth + 1, budget)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        // Each element is at least `0,` (2 bytes) in JSON; checked before anything is copied.
        let n = obj.len()?;
        budget.check(n.saturating_mul(2), &format!("a list of {n} elements"))?;
        let mut out = Vec::with_capacity(n.min(1 << 16));
        for item in obj.try_iter()? {
            out.push(to_value_at(&item?, dt, depth + 1, budget)?);
        }
        return Ok(Value::Array(out));
    }
    // datetime.datetime is a subclass of datetime.date: test it first.
    if obj.is_instance(&dt.getattr("datetime")?)? {
        if !obj.getattr("tzinfo")?.is_none() {
            return Err(invalid("pass a naive datetime (local wall-clock time); ipsrt keeps the IANA zone separately"));
        }
        // `timespec="auto"`: seconds always, and the microseconds when they are not 0, so
        // nothing is cut; the core's `ZonedDateTime` keeps them (as `ipsrt.ZonedDateTime` does).
        let s: String = obj.call_method1("isoformat", ("T", "auto"))?.extract()?;
        return Ok(Value::String(s));
    }
    if obj.is_instance(&dt.getattr("date")?)? {
        let s: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(s));
    }
    if obj.is_instance(&dt.getattr("time")?)? {
        // A whole minute goes as "HH:MM"; a time with seconds keeps them ("HH:MM:SS"), so the
        // core refuses it (as it refuses a Kotlin LocalTime with seconds) instead of the
        // seconds being cut.
        let whole_minute =
            obj.getattr("second")?.extract::<u32>()? == 0 && obj.getattr("microsecond")?.extract::<u32>()? == 0;
        let kwargs = PyDict::new(obj.py());
        kwargs.set_item("timespec", if whole_minute { "minutes" } else { "auto" })?;
        let s: String = obj.call_method("isoformat", (), Some(&kwargs))?.extract()?;
        return Ok(Value::String(s));
    }
    if let Ok(s) = obj.getattr("value")
        && obj.is_instance(&obj.py().import("enum")?.getattr("Enum")?)?
    {
        return to_value_at(&s, dt, depth + 1, budget);
    }
    if !obj.is_instance_of::<pyo3::types::PyType>() && obj.hasattr("to_dict")? {
        let d = obj.call_method0("to_dict")?;
        return to_value_at(&d, dt, depth + 1, budget);
    }
    let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(invalid(format!(
        "cannot convert a {type_name} to ipsrt data: use None, bool, int, float, str, list, dict, datetime.date/datetime/time or an ipsrt object"
    )))
}

fn utf8(s: &Bound<'_, PyString>) -> PyResult<String> {
    s.to_str()
        .map(str::to_owned)
        .map_err(|_| invalid("a string is not valid Unicode (it has a lone surrogate): pass well-formed text"))
}

/// Checks an id argument against the core's `ipsrt::limits::MAX_ID_BYTES` **before** the
/// binding copies it (a `&str` argument borrows the Python string's UTF-8 form), so a 100 MB
/// id costs no copy; the core checks it again.
pub fn check_id(field: &str, id: &str) -> PyResult<()> {
    ipsrt::limits::check_len(field, id, ipsrt::limits::MAX_ID_BYTES, true).map_err(invalid)
}

/// A JSON value as a plain Python object (dict, list, str, int, float, bool, None).
pub fn from_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    from_value_at(py, v, 0)
}

fn from_value_at<'py>(py: Python<'py>, v: &Value, depth: usize) -> PyResult<Bound<'py, PyAny>> {
    if depth > MAX_DEPTH {
        return Err(PyRecursionError::new_err("ipsrt value nested too deeply"));
    }
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(from_value_at(py, x, depth + 1)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, from_value_at(py, x, depth + 1)?)?;
            }
            d.into_any()
        }
    })
}

/// A Python object deserialised into a core type through its serde form.
pub fn extract<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let v = to_value(obj)?;
    serde_json::from_value(v)
        .map_err(|e| invalid(format!("invalid {what}: {e}. Pass the core's JSON form (see the docs of {what})")))
}

/// A core value as a plain Python object through its serde form.
pub fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value)
        .map_err(|e| kind_err(ipsrt::ErrorKind::InvalidInput, format!("cannot serialise the value: {e}")))?;
    from_value(py, &v)
}

/// Parses JSON text given by the user (for `from_json`).
pub fn parse_text(text: &str) -> PyResult<Value> {
    if text.len() > ipsrt::persist::MAX_JSON_BYTES {
        return Err(kind_err(
            ipsrt::ErrorKind::Parse,
            format!(
                "the document is {} bytes, more than the {}-byte limit",
                text.len(),
                ipsrt::persist::MAX_JSON_BYTES
            ),
        ));
    }
    serde_json::from_str(text).map_err(|e| kind_err(ipsrt::ErrorKind::Parse, format!("malformed JSON: {e}")))
}

/// A `datetime.date` (or `"YYYY-MM-DD"` text) argument as a date.
pub fn date_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<chrono::NaiveDate> {
    extract(obj, &format!("{what} (a datetime.date or \"YYYY-MM-DD\")"))
}

/// An optional `Source` dict argument that a changed clinical number must carry.
pub fn source_for(source: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<ipsrt::source::Source> {
    match source {
        Some(s) => extract(s, "Source"),
        None => Err(invalid(format!(
            "changing {what} needs source= (e.g. ipsrt.local_source('our clinic')): every clinical number carries its source"
        ))),
    }
}

/// A string argument naming one variant of a core enum (its snake_case serde name).
pub fn enum_arg<T: DeserializeOwned>(name: &str, what: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(name.to_owned())).map_err(|e| invalid(format!("invalid {what} {name:?}: {e}")))
}
