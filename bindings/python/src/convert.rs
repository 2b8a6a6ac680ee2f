//! The data bridge: Python values ⇄ the core's serde JSON form.
//!
//! Values cross the boundary in exactly the JSON form the core reads and writes (the same form
//! as the shared test vectors and the Kotlin binding). `datetime.date` becomes `"YYYY-MM-DD"`,
//! `datetime.datetime` becomes `"YYYY-MM-DDTHH:MM:SS"`, `datetime.time` becomes `"HH:MM"`; an
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

/// A Python object as a JSON value.
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let dt = obj.py().import("datetime")?;
    to_value_at(obj, &dt, 0)
}

fn to_value_at(obj: &Bound<'_, PyAny>, dt: &Bound<'_, PyModule>, depth: usize) -> PyResult<Value> {
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
        return Ok(Value::String(utf8(s)?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                invalid(format!(
                    "dictionary keys must be strings, found {}",
                    k.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })?;
            let key = utf8(key)?;
            map.insert(key, to_value_at(&v, dt, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(to_value_at(&item?, dt, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    // datetime.datetime is a subclass of datetime.date: test it first.
    if obj.is_instance(&dt.getattr("datetime")?)? {
        if !obj.getattr("tzinfo")?.is_none() {
            return Err(invalid("pass a naive datetime (local wall-clock time); ipsrt keeps the IANA zone separately"));
        }
        let s: String = obj.call_method1("isoformat", ("T", "seconds"))?.extract()?;
        return Ok(Value::String(s));
    }
    if obj.is_instance(&dt.getattr("date")?)? {
        let s: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(s));
    }
    if obj.is_instance(&dt.getattr("time")?)? {
        let kwargs = PyDict::new(obj.py());
        kwargs.set_item("timespec", "minutes")?;
        let s: String = obj.call_method("isoformat", (), Some(&kwargs))?.extract()?;
        return Ok(Value::String(s));
    }
    if let Ok(s) = obj.getattr("value")
        && obj.is_instance(&obj.py().import("enum")?.getattr("Enum")?)?
    {
        return to_value_at(&s, dt, depth + 1);
    }
    if !obj.is_instance_of::<pyo3::types::PyType>() && obj.hasattr("to_dict")? {
        let d = obj.call_method0("to_dict")?;
        return to_value_at(&d, dt, depth + 1);
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
