//! Text edits on the Kotlin that uniffi 0.32 generates, for what its configuration cannot say.
//!
//! Each edit names the exact text it replaces and fails when that text is missing, so a uniffi
//! upgrade that changes the templates stops the build instead of silently dropping the edit.

use std::path::{Path, PathBuf};

/// The check uniffi puts in `callWithHandle` of every object class.
const DESTROYED_CHECK: &str =
    r#"throw IllegalStateException("${this.javaClass.simpleName} object has already been destroyed")"#;

/// What an object used after `close()` throws instead.
const CLOSED_THROW: &str = r#"throw IpsrtException.Closed("${this.javaClass.simpleName} was used after close() (or destroy()); nothing was done: create or load a new one")"#;

/// How uniffi lowers an object passed as an argument: it clones the handle without checking
/// that the object is still open.
const LOWER_OBJECT: &str = "        return value.uniffiCloneHandle()\n";

/// The same through `callWithHandle`, which checks (and keeps the object open meanwhile).
const LOWER_OBJECT_CHECKED: &str = "        return value.callWithHandle { it }\n";

/// The arguments after `generate` that name the output folder and the languages.
fn wanted(args: &[String]) -> Option<PathBuf> {
    if args.first().map(String::as_str) != Some("generate") {
        return None;
    }
    let mut out = None;
    let mut languages = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out-dir" | "-o" => out = it.next().map(PathBuf::from),
            "--language" | "-l" => languages.extend(it.next().cloned()),
            _ => {
                if let Some(v) = a.strip_prefix("--out-dir=") {
                    out = Some(PathBuf::from(v));
                } else if let Some(v) = a.strip_prefix("--language=") {
                    languages.push(v.to_owned());
                }
            }
        }
    }
    let kotlin = languages.is_empty() || languages.iter().any(|l| l == "kotlin");
    if kotlin { out } else { None }
}

fn kotlin_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            kotlin_files(&path, found)?;
        } else if path.extension().is_some_and(|x| x == "kt") {
            found.push(path);
        }
    }
    Ok(())
}

/// Polishes every `.kt` file under the output folder of a `generate` command that includes
/// Kotlin; does nothing for other commands.
pub fn polish_generated(args: &[String]) -> Result<(), String> {
    let Some(out) = wanted(args) else { return Ok(()) };
    let mut files = Vec::new();
    kotlin_files(&out, &mut files)?;
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let polished = polish(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        std::fs::write(&file, polished).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}

/// The edits on one generated Kotlin file.
pub fn polish(text: &str) -> Result<String, String> {
    let objects = text.matches(DESTROYED_CHECK).count();
    if text.contains("fun callWithHandle") && objects == 0 {
        return Err("uniffi's use-after-close check was not found: update the polish for this uniffi version".into());
    }
    if objects > 0 && !text.contains("class Closed(") {
        return Err("IpsrtException.Closed is missing: the error enum of ipsrt-ffi lost its Closed case".into());
    }
    let text = text.replace(DESTROYED_CHECK, CLOSED_THROW);
    let lowers = text.matches(LOWER_OBJECT).count();
    if lowers != objects {
        return Err(format!(
            "found {objects} object classes but {lowers} object lowerings: update the polish for this uniffi version"
        ));
    }
    let text = text.replace(LOWER_OBJECT, LOWER_OBJECT_CHECKED);
    Ok(data_objects(&text))
}

/// `    object Complete : TotalStatus()` (a data-less case of a sealed class) becomes a
/// `data object`, whose `toString()` is its name.
fn data_objects(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let is_case = body
            .strip_prefix("    object ")
            .and_then(|rest| rest.split_once(" : "))
            .is_some_and(|(name, parent)| is_identifier(name) && parent.strip_suffix("()").is_some_and(is_identifier));
        if is_case {
            out.push_str("    data ");
            out.push_str(&line[4..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    let s = s.trim_matches('`');
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_less_cases_become_data_objects() {
        let kt = "sealed class S {\n    object Complete : S()\n    data class X(val a: Int) : S()\n}\npublic object FfiConverterS: FfiConverterRustBuffer<S> {\n";
        let out = data_objects(kt);
        assert!(out.contains("    data object Complete : S()\n"));
        assert!(out.contains("public object FfiConverterS:"));
        assert_eq!(out.matches("data object").count(), 1);
    }

    #[test]
    fn use_after_close_throws_closed_and_a_changed_template_fails() {
        let kt = format!(
            "class IpsrtException {{ class Closed(message: String) }}\nfun callWithHandle() {{\n {DESTROYED_CHECK}\n}}\n    override fun lower(value: C): Long {{\n{LOWER_OBJECT}    }}\n"
        );
        let out = polish(&kt).unwrap();
        assert!(out.contains("IpsrtException.Closed(") && !out.contains("IllegalStateException"));
        assert!(out.contains(LOWER_OBJECT_CHECKED));
        assert!(polish("fun callWithHandle() { throw Something() }").is_err());
        assert!(polish(&kt.replace("class Closed(", "class Other(")).is_err());
    }

    #[test]
    fn only_generate_with_kotlin_is_polished() {
        let args = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(wanted(&args("generate lib.so --language kotlin --out-dir o")), Some("o".into()));
        assert_eq!(wanted(&args("generate lib.so --language swift --out-dir o")), None);
        assert_eq!(wanted(&args("generate lib.so --out-dir=o")), Some("o".into()));
        assert_eq!(wanted(&args("print-repr lib.so")), None);
    }
}
