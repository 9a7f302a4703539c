//! PDF cleaning with lopdf. The document is loaded, stripped and written out anew, which
//! also leaves behind earlier revisions of an incrementally saved file (they can hold an
//! earlier author) and objects nothing refers to.
//!
//! Removed: the trailer's Info dictionary (author, title, producer, dates) and file ID; XMP
//! `Metadata` streams on the catalog, pages, images and fonts; scripts and automatic
//! actions (`JavaScript` name trees, JavaScript actions, `JS`, `OpenAction`, `AA`); embedded
//! and associated files (`EmbeddedFiles` name trees, `EmbeddedFile` streams, `EF`, `RF`,
//! `AF`, `Collection`, `FileAttachment` annotations); applications' private data
//! (`PieceInfo`, `LastModified`); signatures, whose certificates name the signer; and the
//! author and dates of comments. JPEG images inside the PDF are cleaned as JPEG attachments
//! are. Encrypted files, files lopdf cannot load or that have no page, and files with a JPEG
//! image that cannot be read are refused.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Refusal, jpeg};

/// Keys removed from every dictionary in the file.
const DROPPED_KEYS: [&[u8]; 12] = [
    b"Metadata",
    b"PieceInfo",
    b"LastModified",
    b"JavaScript",
    b"JS",
    b"OpenAction",
    b"AA",
    b"EmbeddedFiles",
    b"EF",
    b"RF",
    b"AF",
    b"Collection",
];

/// Keys of a comment (markup annotation) that say who wrote or changed it, and when.
const ANNOTATION_AUTHOR_KEYS: [&[u8]; 3] = [b"T", b"M", b"CreationDate"];

/// The PDF without metadata, scripts, attachments or earlier revisions.
pub(super) fn clean(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let mut doc = Document::load_mem(bytes).map_err(|_| Refusal::Unreadable)?;
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(Refusal::Unreadable);
    }
    if doc.get_pages().is_empty() {
        return Err(Refusal::Unreadable);
    }
    doc.trailer.remove(b"Info");
    doc.trailer.remove(b"ID");
    // Earlier revisions and other objects nothing refers to go first, so that only what the
    // document shows is looked at.
    doc.prune_objects();

    let dropped: HashSet<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, object)| is_dropped(object))
        .map(|(&id, _)| id)
        .collect();
    for id in &dropped {
        doc.objects.remove(id);
    }
    for object in doc.objects.values_mut() {
        scrub(object, &dropped)?;
    }
    scrub_dictionary(&mut doc.trailer, &dropped)?;
    // What only the removed keys referred to (XMP streams, embedded files) goes now.
    doc.prune_objects();

    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|_| Refusal::Unreadable)?;
    Ok(out)
}

/// Objects removed whole, with every reference to them: embedded file streams, file
/// attachment annotations, JavaScript actions and signatures.
fn is_dropped(object: &Object) -> bool {
    let dict = match object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        _ => return false,
    };
    let name_is = |key: &[u8], value: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|name| name == value)
    };
    name_is(b"Type", b"EmbeddedFile")
        || name_is(b"Subtype", b"FileAttachment")
        || name_is(b"S", b"JavaScript")
        || name_is(b"Type", b"Sig")
        || name_is(b"Type", b"DocTimeStamp")
        || dict.has(b"ByteRange")
}

/// Whether `object` is, or refers to, a removed object.
fn is_gone(object: &Object, dropped: &HashSet<ObjectId>) -> bool {
    match object {
        Object::Reference(id) => dropped.contains(id),
        other => is_dropped(other),
    }
}

/// Remove metadata keys and removed objects from `object` and everything it contains.
fn scrub(object: &mut Object, dropped: &HashSet<ObjectId>) -> Result<(), Refusal> {
    match object {
        Object::Dictionary(dict) => scrub_dictionary(dict, dropped),
        Object::Stream(stream) => {
            scrub_dictionary(&mut stream.dict, dropped)?;
            if is_jpeg_image(&stream.dict) {
                keep_colour_transform(&mut stream.dict, &stream.content);
                let cleaned = jpeg::clean(&stream.content)?;
                stream.set_content(cleaned);
            }
            Ok(())
        }
        Object::Array(items) => {
            items.retain(|item| !is_gone(item, dropped));
            items.iter_mut().try_for_each(|item| scrub(item, dropped))
        }
        _ => Ok(()),
    }
}

/// [`scrub`] for a dictionary.
fn scrub_dictionary(dict: &mut Dictionary, dropped: &HashSet<ObjectId>) -> Result<(), Refusal> {
    for key in DROPPED_KEYS {
        dict.remove(key);
    }
    if is_comment(dict) {
        for key in ANNOTATION_AUTHOR_KEYS {
            dict.remove(key);
        }
    }
    let gone: Vec<Vec<u8>> = dict
        .iter()
        .filter(|(_, value)| is_gone(value, dropped))
        .map(|(key, _)| key.clone())
        .collect();
    for key in gone {
        dict.remove(&key);
    }
    dict.iter_mut()
        .try_for_each(|(_, value)| scrub(value, dropped))
}

/// Whether `dict` is an annotation other than a form field's widget, whose `T` is the field's
/// name, not an author.
fn is_comment(dict: &Dictionary) -> bool {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name);
    let is_annotation = dict.has_type(b"Annot") || (dict.has(b"Rect") && subtype.is_ok());
    is_annotation && subtype.is_ok_and(|s| s != b"Widget")
}

/// Whether a stream is an image stored as a JPEG: its only filter is DCTDecode.
fn is_jpeg_image(dict: &Dictionary) -> bool {
    let is_image = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Image");
    let dct = |object: &Object| object.as_name().is_ok_and(|n| n == b"DCTDecode");
    let only_dct = match dict.get(b"Filter") {
        Ok(Object::Array(filters)) => filters.len() == 1 && filters.iter().all(dct),
        Ok(filter) => dct(filter),
        Err(_) => false,
    };
    is_image && only_dct
}

/// Cleaning a JPEG drops its Adobe segment, which can say how its colours were transformed;
/// a PDF reader reads that from the image's `ColorTransform` decode parameter instead.
fn keep_colour_transform(dict: &mut Dictionary, jpeg: &[u8]) {
    let Some(transform) = jpeg::adobe_transform(jpeg) else {
        return;
    };
    let value = Object::Integer(i64::from(transform.min(1)));
    match dict.get_mut(b"DecodeParms") {
        Ok(Object::Dictionary(params)) if !params.has(b"ColorTransform") => {
            params.set("ColorTransform", value);
        }
        Ok(Object::Array(params)) if params.len() == 1 => {
            if let Some(Object::Dictionary(params)) = params.first_mut()
                && !params.has(b"ColorTransform")
            {
                params.set("ColorTransform", value);
            }
        }
        Err(_) => {
            let mut params = Dictionary::new();
            params.set("ColorTransform", value);
            dict.set("DecodeParms", params);
        }
        Ok(_) => {}
    }
}

#[cfg(test)]
mod tests;
