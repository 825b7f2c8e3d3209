// Migrations are embedded at compile time; without this, a new migration file would not trigger a
// rebuild and the binary would silently ship without it.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
