//! Rebuilds the binary when the embedded default templates change.
fn main() {
    println!("cargo:rerun-if-changed=report-templates");
    println!("cargo:rerun-if-changed=samples/wecoss-2025");
}
