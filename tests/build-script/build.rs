// Generates the beta assignment models and requests into OUT_DIR at build time.
fn main() {
    let metadata = std::path::Path::new("../../metadata");
    let result = graphgen::Config::new()
        .metadata(metadata.join("beta.xml"))
        .overlay(metadata.join("overlays/beta-scope-tag.xml"))
        .select("*Assignment")
        .generate();
    if let Err(errors) = result {
        panic!("{errors}");
    }
}
