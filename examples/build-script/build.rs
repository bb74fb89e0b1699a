//! Generates the DescribeSessions API into `$OUT_DIR/ssm.rs` on every build
//! where the model changed (shapesmith prints the `rerun-if-changed` line).

fn main() {
    shapesmith::Config::new("../../model/ssm/describe-sessions.json")
        .crate_name("ssm")
        .operation("DescribeSessions")
        .write_to_out_dir()
        .unwrap_or_else(|e| panic!("shapesmith: {e}"));
}
