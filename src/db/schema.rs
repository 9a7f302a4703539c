//! The portable schema shared by SQLite and PostgreSQL (kept in step with both migration sets).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        session_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    staff_tokens (id) {
        id -> Text,
        purpose -> Text,
        token_hash -> Text,
        email -> Text,
        role -> Nullable<Text>,
        user_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        payload -> Binary,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    themes (id) {
        id -> Text,
        name -> Text,
        builtin -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    hearings (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        summary -> Text,
        city -> Text,
        state -> Text,
        online -> Bool,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        languages -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        status -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        time_zone -> Text,
        retention_days -> Nullable<Integer>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    hearing_themes (hearing_id, theme_id) {
        hearing_id -> Text,
        theme_id -> Text,
    }
}

diesel::table! {
    consent_texts (id) {
        id -> Text,
        hearing_id -> Text,
        version -> Integer,
        body -> Text,
        created_at -> Timestamp,
        lang -> Text,
    }
}

diesel::table! {
    hearing_texts (hearing_id, lang) {
        hearing_id -> Text,
        lang -> Text,
        title -> Text,
        summary -> Text,
    }
}

diesel::table! {
    testimonies (id) {
        id -> Text,
        hearing_id -> Text,
        receipt_hash -> Text,
        status -> Text,
        language -> Text,
        witness_role -> Text,
        place_state -> Text,
        place_city -> Text,
        period_from -> Text,
        period_to -> Nullable<Text>,
        witness_name -> Nullable<Binary>,
        contact_email -> Nullable<Binary>,
        contact_phone -> Nullable<Binary>,
        intake -> Text,
        intake_by -> Nullable<Text>,
        interpreter -> Nullable<Text>,
        interpretation_language -> Nullable<Text>,
        submitted_at -> Timestamp,
        updated_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        sealed_body -> Nullable<Binary>,
        sealed_city -> Nullable<Binary>,
        witness_copy -> Nullable<Binary>,
        submission_hash -> Nullable<Text>,
        erased_at -> Nullable<Timestamp>,
        assigned_to -> Nullable<Text>,
        exclusion_reason -> Nullable<Text>,
        unread_reply -> Bool,
        redaction_started -> Bool,
        tags_seeded -> Bool,
        witness_public_key -> Nullable<Binary>,
    }
}

diesel::table! {
    testimony_themes (testimony_id, theme_id) {
        testimony_id -> Text,
        theme_id -> Text,
    }
}

diesel::table! {
    consent_records (id) {
        id -> Text,
        testimony_id -> Text,
        seq -> Integer,
        consent_text_id -> Text,
        method -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
        scope_publish -> Bool,
        scope_quote -> Bool,
        scope_attribute -> Bool,
        scope_share_un -> Bool,
        scope_contact -> Bool,
        scope_media -> Bool,
    }
}

diesel::table! {
    redaction_requests (testimony_id) {
        testimony_id -> Text,
        redact_name -> Bool,
        redact_places -> Bool,
        redact_other_names -> Bool,
        redact_dates -> Bool,
        terms -> Nullable<Binary>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    testimony_additions (id) {
        id -> Text,
        testimony_id -> Text,
        created_at -> Timestamp,
        sealed_body -> Nullable<Binary>,
        witness_copy -> Nullable<Binary>,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        testimony_id -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    detail_records (id) {
        id -> Text,
        testimony_id -> Text,
        seq -> Integer,
        redact_name -> Bool,
        redact_places -> Bool,
        redact_other_names -> Bool,
        redact_dates -> Bool,
        sealed_terms -> Nullable<Binary>,
        themes -> Text,
        place_state -> Text,
        place_city -> Text,
        sealed_city -> Nullable<Binary>,
        period_from -> Text,
        period_to -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    org_keys (id) {
        id -> Text,
        public_key -> Binary,
        recovery_wrapped -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    user_keys (user_id) {
        user_id -> Text,
        public_key -> Binary,
        wrapped_secret -> Binary,
        kdf_salt -> Binary,
        created_at -> Timestamp,
        kdf_memory_kib -> Integer,
        kdf_passes -> Integer,
    }
}

diesel::table! {
    originals_grants (user_id) {
        user_id -> Text,
        sealed_org_key -> Binary,
        granted_by -> Nullable<Text>,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        state -> Binary,
        user_id -> Nullable<Text>,
        expires_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organisation (id) {
        id -> Integer,
        contact_email -> Text,
        contact_other -> Text,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organisation_texts (lang) {
        lang -> Text,
        name -> Text,
        description -> Text,
        privacy_notice -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    kept_receipts (submission_hash) {
        submission_hash -> Text,
        sealed_receipt -> Binary,
        submitted_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        record_kind -> Text,
        record_id -> Text,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    translations (id) {
        id -> Text,
        testimony_id -> Text,
        language -> Text,
        sealed_body -> Binary,
        translated_by -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    redaction_marks (id) {
        id -> Text,
        testimony_id -> Text,
        text_id -> Text,
        category -> Text,
        span_start -> Nullable<Integer>,
        span_end -> Nullable<Integer>,
        sealed_term -> Nullable<Binary>,
        origin -> Text,
        state -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    redacted_versions (id) {
        id -> Text,
        testimony_id -> Text,
        text_id -> Text,
        version -> Integer,
        body -> Text,
        changes -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    witness_messages (id) {
        id -> Text,
        testimony_id -> Text,
        direction -> Text,
        sealed_body -> Binary,
        witness_copy -> Nullable<Binary>,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    vocabulary (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        builtin -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    testimony_tags (testimony_id, kind, tag_id) {
        testimony_id -> Text,
        kind -> Text,
        tag_id -> Text,
        added_by -> Nullable<Text>,
        added_at -> Timestamp,
    }
}

diesel::table! {
    excerpts (id) {
        id -> Text,
        testimony_id -> Text,
        text_id -> Text,
        redacted_version_id -> Nullable<Text>,
        span_start -> Integer,
        span_end -> Integer,
        body -> Text,
        translated -> Bool,
        consent_record_id -> Nullable<Text>,
        attributed -> Bool,
        theme_id -> Nullable<Text>,
        note -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        invalidated_at -> Nullable<Timestamp>,
        invalidated_reason -> Nullable<Text>,
    }
}

diesel::table! {
    reports (id) {
        id -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    report_versions (id) {
        id -> Text,
        report_id -> Text,
        number -> Integer,
        status -> Text,
        based_on -> Nullable<Text>,
        title -> Text,
        state_under_review -> Text,
        cycle -> Text,
        contact_name -> Text,
        contact_email -> Text,
        keywords -> Text,
        introduction -> Text,
        conclusions -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finalised_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        published_by -> Nullable<Text>,
        manifest -> Nullable<Text>,
        flagged_at -> Nullable<Timestamp>,
        flag_reason -> Nullable<Text>,
        taken_down_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    report_hearings (version_id, hearing_id) {
        version_id -> Text,
        hearing_id -> Text,
    }
}

diesel::table! {
    report_submitters (id) {
        id -> Text,
        version_id -> Text,
        position -> Integer,
        name -> Text,
        short_code -> Text,
        description -> Text,
    }
}

diesel::table! {
    report_sections (id) {
        id -> Text,
        version_id -> Text,
        position -> Integer,
        title -> Text,
        theme_id -> Nullable<Text>,
        findings -> Text,
    }
}

diesel::table! {
    report_section_excerpts (section_id, excerpt_id) {
        section_id -> Text,
        excerpt_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    report_recommendations (id) {
        id -> Text,
        version_id -> Text,
        position -> Integer,
        body -> Text,
        addressees -> Text,
        themes -> Text,
        affected -> Text,
        sdg_targets -> Text,
        category -> Integer,
        follows_up -> Text,
        state_position -> Text,
        implementation -> Nullable<Text>,
        published_number -> Nullable<Text>,
    }
}

diesel::table! {
    report_recommendation_excerpts (recommendation_id, excerpt_id) {
        recommendation_id -> Text,
        excerpt_id -> Text,
    }
}

diesel::table! {
    report_followup_notes (id) {
        id -> Text,
        recommendation_id -> Text,
        noted_on -> Date,
        body -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    report_outputs (version_id, kind) {
        version_id -> Text,
        kind -> Text,
        sha256 -> Text,
        bytes -> Binary,
    }
}

diesel::table! {
    report_manifest_items (version_id, testimony_id) {
        version_id -> Text,
        testimony_id -> Text,
        redacted_version_id -> Nullable<Text>,
        consent_record_id -> Text,
    }
}

diesel::table! {
    two_step (user_id) {
        user_id -> Text,
        sealed_secret -> Binary,
        enabled -> Bool,
        last_step -> Nullable<BigInt>,
        created_at -> Timestamp,
        enabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    two_step_recovery_codes (code_hash) {
        code_hash -> Text,
        user_id -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    security_settings (id) {
        id -> Integer,
        two_step_required -> Text,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(staff_tokens -> users (user_id));
diesel::joinable!(originals_grants -> users (user_id));
diesel::joinable!(detail_records -> testimonies (testimony_id));
diesel::joinable!(user_keys -> users (user_id));
diesel::joinable!(two_step -> users (user_id));
diesel::joinable!(two_step_recovery_codes -> users (user_id));
diesel::joinable!(hearing_themes -> hearings (hearing_id));
diesel::joinable!(hearing_themes -> themes (theme_id));
diesel::joinable!(consent_texts -> hearings (hearing_id));
diesel::joinable!(hearing_texts -> hearings (hearing_id));
diesel::joinable!(testimonies -> hearings (hearing_id));
diesel::joinable!(testimony_themes -> testimonies (testimony_id));
diesel::joinable!(testimony_themes -> themes (theme_id));
diesel::joinable!(consent_records -> testimonies (testimony_id));
diesel::joinable!(testimony_additions -> testimonies (testimony_id));
diesel::joinable!(attachments -> testimonies (testimony_id));
diesel::joinable!(translations -> testimonies (testimony_id));
diesel::joinable!(redaction_marks -> testimonies (testimony_id));
diesel::joinable!(redacted_versions -> testimonies (testimony_id));
diesel::joinable!(witness_messages -> testimonies (testimony_id));
diesel::joinable!(testimony_tags -> testimonies (testimony_id));
diesel::joinable!(excerpts -> testimonies (testimony_id));
diesel::joinable!(report_versions -> reports (report_id));
diesel::joinable!(report_hearings -> report_versions (version_id));
diesel::joinable!(report_submitters -> report_versions (version_id));
diesel::joinable!(report_sections -> report_versions (version_id));
diesel::joinable!(report_section_excerpts -> report_sections (section_id));
diesel::joinable!(report_section_excerpts -> excerpts (excerpt_id));
diesel::joinable!(report_recommendations -> report_versions (version_id));
diesel::joinable!(report_recommendation_excerpts -> report_recommendations (recommendation_id));
diesel::joinable!(report_recommendation_excerpts -> excerpts (excerpt_id));
diesel::joinable!(report_followup_notes -> report_recommendations (recommendation_id));
diesel::joinable!(report_outputs -> report_versions (version_id));
diesel::joinable!(report_manifest_items -> report_versions (version_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    staff_tokens,
    login_throttle,
    outbox,
    themes,
    hearings,
    hearing_themes,
    consent_texts,
    hearing_texts,
    testimonies,
    testimony_themes,
    consent_records,
    redaction_requests,
    testimony_additions,
    attachments,
    detail_records,
    org_keys,
    user_keys,
    originals_grants,
    sessions,
    organisation,
    organisation_texts,
    kept_receipts,
    audit_log,
    audit_head,
    translations,
    redaction_marks,
    redacted_versions,
    witness_messages,
    vocabulary,
    testimony_tags,
    excerpts,
    reports,
    report_versions,
    report_hearings,
    report_submitters,
    report_sections,
    report_section_excerpts,
    report_recommendations,
    report_recommendation_excerpts,
    report_followup_notes,
    report_outputs,
    report_manifest_items,
    two_step,
    two_step_recovery_codes,
    security_settings,
);
