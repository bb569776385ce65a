//! The `.pptx` package: every part rendered from its template, with its
//! content type and relationships, zipped with fixed timestamps.

use std::io::Write;

use minijinja::Environment;
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use super::PptxError;
use super::outline::{Outline, escape_xml};
use crate::templates::Templates;

const DIR: &str = "meeting-deck/pptx";

/// Width and height in pixels of a PNG or JPEG image.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((w, h));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                return None;
            }
            let marker = bytes[i + 1];
            let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
                let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

fn rels(items: &[(String, &str, String)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (id, kind, target) in items {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/{kind}\" Target=\"{}\"/>",
            escape_xml(target)
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// Writes the package of `slides`: each its layout's name and its JSON, as
/// laid out.
pub fn write(
    templates: &Templates,
    env: &Environment<'static>,
    outline: &Outline,
    slides: &[(String, Value)],
    date: chrono::NaiveDate,
    logo: Option<(Vec<u8>, &'static str)>,
    brand: &Value,
) -> Result<Vec<u8>, PptxError> {
    let font = brand.pointer("/fonts/body/0").and_then(Value::as_str).unwrap_or("Noto Sans");
    let render =
        |name: &str, ctx: &Value| super::outline::render(templates, env, &format!("{DIR}/{name}"), ctx).map(|s| s.trim_start().to_string());
    let common = json!({ "lang": outline.lang, "title": outline.title, "footer": outline.footer, "font": font, "brand": brand });
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut overrides: Vec<(String, &str)> = Vec::new();
    let ct = |kind: &str| format!("application/vnd.openxmlformats-officedocument.{kind}");

    // Layouts: 1 title, 2 section, 3 content.
    let layouts = [("title", "Title Slide"), ("section", "Section Header"), ("content", "Title and Content")];
    let pres_ct = ct("presentationml.presentation.main+xml");
    let mut overrides_owned: Vec<(String, String)> = vec![("/ppt/presentation.xml".into(), pres_ct)];
    parts.push(("ppt/theme/theme1.xml".into(), render("theme.xml.j2", &common)?.into_bytes()));
    parts.push(("ppt/theme/theme2.xml".into(), render("theme.xml.j2", &common)?.into_bytes()));
    overrides_owned.push(("/ppt/theme/theme1.xml".into(), ct("theme+xml")));
    overrides_owned.push(("/ppt/theme/theme2.xml".into(), ct("theme+xml")));
    parts.push(("ppt/slideMasters/slideMaster1.xml".into(), render("master.xml.j2", &common)?.into_bytes()));
    overrides_owned.push(("/ppt/slideMasters/slideMaster1.xml".into(), ct("presentationml.slideMaster+xml")));
    let mut master_rels: Vec<(String, &str, String)> = Vec::new();
    for (i, (kind, name)) in layouts.iter().enumerate() {
        let n = i + 1;
        let mut ctx = common.clone();
        ctx["kind"] = json!(kind);
        ctx["name"] = json!(name);
        parts.push((format!("ppt/slideLayouts/slideLayout{n}.xml"), render("layout.xml.j2", &ctx)?.into_bytes()));
        parts.push((
            format!("ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"),
            rels(&[("rId1".into(), "officeDocument/2006/relationships/slideMaster", "../slideMasters/slideMaster1.xml".into())])
                .into_bytes(),
        ));
        overrides_owned.push((format!("/ppt/slideLayouts/slideLayout{n}.xml"), ct("presentationml.slideLayout+xml")));
        master_rels.push((
            format!("rId{n}"),
            "officeDocument/2006/relationships/slideLayout",
            format!("../slideLayouts/slideLayout{n}.xml"),
        ));
    }
    master_rels.push(("rId9".into(), "officeDocument/2006/relationships/theme", "../theme/theme1.xml".into()));
    parts.push(("ppt/slideMasters/_rels/slideMaster1.xml.rels".into(), rels(&master_rels).into_bytes()));

    parts.push(("ppt/notesMasters/notesMaster1.xml".into(), render("notes-master.xml.j2", &common)?.into_bytes()));
    parts.push((
        "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
        rels(&[("rId1".into(), "officeDocument/2006/relationships/theme", "../theme/theme2.xml".into())]).into_bytes(),
    ));
    overrides_owned.push(("/ppt/notesMasters/notesMaster1.xml".into(), ct("presentationml.notesMaster+xml")));

    let mut has_image = None;
    if let Some((bytes, ext)) = &logo {
        parts.push((format!("ppt/media/logo.{ext}"), bytes.clone()));
        has_image = Some(*ext);
    }

    let mut pres_rels: Vec<(String, &str, String)> = vec![
        ("rId1".into(), "officeDocument/2006/relationships/slideMaster", "slideMasters/slideMaster1.xml".into()),
        ("rId2".into(), "officeDocument/2006/relationships/notesMaster", "notesMasters/notesMaster1.xml".into()),
        ("rId3".into(), "officeDocument/2006/relationships/theme", "theme/theme1.xml".into()),
        ("rId4".into(), "officeDocument/2006/relationships/presProps", "presProps.xml".into()),
        ("rId5".into(), "officeDocument/2006/relationships/viewProps", "viewProps.xml".into()),
        ("rId6".into(), "officeDocument/2006/relationships/tableStyles", "tableStyles.xml".into()),
    ];
    let mut slide_ids = Vec::new();
    for (i, (layout, slide)) in slides.iter().enumerate() {
        let n = i + 1;
        let layout = match layout.as_str() {
            "title" => 1,
            "section" => 2,
            _ => 3,
        };
        let mut ctx = slide.clone();
        ctx["lang"] = json!(outline.lang);
        ctx["font"] = json!(font);
        ctx["brand"] = brand.clone();
        parts.push((format!("ppt/slides/slide{n}.xml"), render("slide.xml.j2", &ctx)?.into_bytes()));
        let mut srels: Vec<(String, &str, String)> = vec![
            ("rId1".into(), "officeDocument/2006/relationships/slideLayout", format!("../slideLayouts/slideLayout{layout}.xml")),
            ("rId2".into(), "officeDocument/2006/relationships/notesSlide", format!("../notesSlides/notesSlide{n}.xml")),
        ];
        if let Some(ext) = has_image {
            srels.push(("rId3".into(), "officeDocument/2006/relationships/image", format!("../media/logo.{ext}")));
        }
        parts.push((format!("ppt/slides/_rels/slide{n}.xml.rels"), rels(&srels).into_bytes()));
        overrides_owned.push((format!("/ppt/slides/slide{n}.xml"), ct("presentationml.slide+xml")));
        parts.push((format!("ppt/notesSlides/notesSlide{n}.xml"), render("notes.xml.j2", &ctx)?.into_bytes()));
        parts.push((
            format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
            rels(&[
                ("rId1".into(), "officeDocument/2006/relationships/notesMaster", "../notesMasters/notesMaster1.xml".into()),
                ("rId2".into(), "officeDocument/2006/relationships/slide", format!("../slides/slide{n}.xml")),
            ])
            .into_bytes(),
        ));
        overrides_owned.push((format!("/ppt/notesSlides/notesSlide{n}.xml"), ct("presentationml.notesSlide+xml")));
        let rid = format!("rId{}", 10 + n);
        slide_ids.push(json!({ "id": 255 + n, "rid": rid }));
        pres_rels.push((rid, "officeDocument/2006/relationships/slide", format!("slides/slide{n}.xml")));
    }
    let mut pctx = common.clone();
    pctx["slides"] = json!(slide_ids);
    parts.push(("ppt/presentation.xml".into(), render("presentation.xml.j2", &pctx)?.into_bytes()));
    parts.push(("ppt/_rels/presentation.xml.rels".into(), rels(&pres_rels).into_bytes()));
    let pp = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    let ns = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
    parts.push(("ppt/presProps.xml".into(), format!("{pp}<p:presentationPr {ns}/>").into_bytes()));
    parts.push((
        "ppt/viewProps.xml".into(),
        format!("{pp}<p:viewPr {ns}><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>").into_bytes(),
    ));
    parts.push((
        "ppt/tableStyles.xml".into(),
        format!("{pp}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>").into_bytes(),
    ));
    overrides_owned.push(("/ppt/presProps.xml".into(), ct("presentationml.presProps+xml")));
    overrides_owned.push(("/ppt/viewProps.xml".into(), ct("presentationml.viewProps+xml")));
    overrides_owned.push(("/ppt/tableStyles.xml".into(), ct("presentationml.tableStyles+xml")));

    // Document properties: the meeting date, never the clock.
    let stamp = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
    parts.push((
        "docProps/core.xml".into(),
        format!(
            "{pp}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified></cp:coreProperties>",
            escape_xml(&outline.title),
            escape_xml(&outline.author),
            escape_xml(&outline.lang)
        )
        .into_bytes(),
    ));
    parts.push((
        "docProps/app.xml".into(),
        format!(
            "{pp}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>wecoss-report</Application><Slides>{}</Slides><Notes>{}</Notes></Properties>",
            slides.len(),
            slides.len()
        )
        .into_bytes(),
    ));
    overrides_owned.push(("/docProps/core.xml".into(), "application/vnd.openxmlformats-package.core-properties+xml".into()));
    overrides_owned.push(("/docProps/app.xml".into(), ct("extended-properties+xml")));
    parts.push((
        "_rels/.rels".into(),
        rels(&[
            ("rId1".into(), "officeDocument/2006/relationships/officeDocument", "ppt/presentation.xml".into()),
            ("rId2".into(), "package/2006/relationships/metadata/core-properties", "docProps/core.xml".into()),
            ("rId3".into(), "officeDocument/2006/relationships/extended-properties", "docProps/app.xml".into()),
        ])
        .into_bytes(),
    ));
    for (part, kind) in &overrides_owned {
        overrides.push((part.clone(), kind.as_str()));
    }
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>",
    );
    for (part, kind) in &overrides {
        types.push_str(&format!("<Override PartName=\"{part}\" ContentType=\"{kind}\"/>"));
    }
    types.push_str("</Types>");

    // The zip: content types first, fixed timestamps, fixed order.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| PptxError::Zip(e.to_string()))?;
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(time);
    let mut all = vec![("[Content_Types].xml".to_string(), types.into_bytes())];
    all.extend(parts);
    for (name, bytes) in all {
        // English data in a French deck: runs of their own, marked `en-CA`.
        let bytes = match std::str::from_utf8(&bytes) {
            Ok(xml) if crate::marked::has_marks(xml) => crate::marked::in_drawingml(xml, "en-CA").into_bytes(),
            _ => bytes,
        };
        zip.start_file(name, options).map_err(|e| PptxError::Zip(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| PptxError::Zip(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| PptxError::Zip(e.to_string()))?;
    Ok(cursor.into_inner())
}
