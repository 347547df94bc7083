#include "modules/crm/http/client_form.hpp"

#include <algorithm>

#include "core/contact/phone.hpp"
#include "core/legal/siren.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/model/client_validation.hpp"

namespace comptoir::crm::pages {
namespace {

using nlohmann::json;

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

void take(const http::RequestBase& req, const std::string& name, std::string& target) {
    if (req.has_param(name)) target = req.param(name);
}

void take_address(const http::RequestBase& req, const std::string& prefix, Address& a) {
    take(req, prefix + "_line1", a.line1);
    take(req, prefix + "_line2", a.line2);
    take(req, prefix + "_postal_code", a.postal_code);
    take(req, prefix + "_city", a.city);
    take(req, prefix + "_country", a.country);
}

void take_consent(const http::RequestBase& req, const std::string& prefix, Consent& c) {
    c.granted = req.param(prefix + "_granted") == "1";
    take(req, prefix + "_date", c.date);
    take(req, prefix + "_source", c.source);
    take(req, prefix + "_legal_basis", c.legal_basis);
}

std::string first_or_empty(const std::vector<std::string>& v) { return v.empty() ? std::string() : v.front(); }

}  // namespace

ClientForm form_from_client(const Client& c, const std::string& locale) {
    ClientForm f;
    f.client = c;
    // Stored values in the form people type them ("06 12 34 56 78", "732 829 320 00074").
    if (!c.phone.empty()) f.client.phone = format_phone(c.phone);
    if (!c.siret.empty()) f.client.siret = format_siret(c.siret);
    if (!c.siren.empty()) f.client.siren = format_siren(c.siren);
    f.delivery_different = c.delivery.has_value();
    f.discount_text = c.default_discount_bp == 0 ? std::string() : display_percent(c.default_discount_bp, locale);
    f.assigned_text = c.assigned_user_id ? std::to_string(*c.assigned_user_id) : std::string();
    return f;
}

ClientForm parse_client_form(const http::RequestBase& req, Client base, FormMode mode) {
    ClientForm f = form_from_client(base);
    Client& c = f.client;
    if (mode == FormMode::AccountingOnly) {
        // The service keeps every other field for the accountant; the form sends only these.
        take(req, "accounting_code", c.accounting_code);
        take(req, "payment_terms", c.payment_terms);
        take(req, "payment_method", c.payment_method);
        return f;
    }
    take(req, "kind", c.kind);
    take(req, "status", c.status);
    for (auto [name, target] : std::vector<std::pair<const char*, std::string*>>{
             {"legal_name", &c.legal_name},   {"trade_name", &c.trade_name},
             {"civility", &c.civility},       {"first_name", &c.first_name},
             {"last_name", &c.last_name},     {"siren", &c.siren},
             {"siret", &c.siret},             {"vat_number", &c.vat_number},
             {"naf_code", &c.naf_code},       {"legal_form", &c.legal_form},
             {"email", &c.email},             {"phone", &c.phone},
             {"website", &c.website},         {"payment_terms", &c.payment_terms},
             {"payment_method", &c.payment_method},
             {"commercial_conditions", &c.commercial_conditions},
             {"accounting_code", &c.accounting_code},
             {"notes", &c.notes}})
        take(req, name, *target);
    take_address(req, "billing", c.billing);

    f.delivery_different = req.param("delivery_different") == "1";
    if (f.delivery_different) {
        Address d = c.delivery.value_or(Address{});
        take_address(req, "delivery", d);
        c.delivery = d;
    } else {
        c.delivery.reset();
    }

    if (req.has_param("default_discount")) {
        f.discount_text = req.param("default_discount");
        if (auto bp = parse_percent(f.discount_text)) c.default_discount_bp = *bp;
        else f.issues.push_back({"default_discount", "form.bad_discount"});
    }

    if (req.has_param("assigned_user_id")) {
        f.assigned_text = req.param("assigned_user_id");
        if (f.assigned_text.empty()) c.assigned_user_id.reset();
        else if (auto id = parse_id(f.assigned_text)) c.assigned_user_id = *id;
        else f.issues.push_back({"assigned_user_id", "form.bad_id"});
    }

    c.category_ids.clear();
    for (const auto& raw : req.params("category_ids")) {
        if (auto id = parse_id(raw)) c.category_ids.push_back(*id);
        else if (std::none_of(f.issues.begin(), f.issues.end(), [](const ParseIssue& i) { return i.field == "category_ids"; }))
            f.issues.push_back({"category_ids", "form.bad_categories"});
    }

    take_consent(req, "email_consent", c.email_consent);
    take_consent(req, "sms_consent", c.sms_consent);

    if (mode == FormMode::Create) {
        Contact& k = f.first_contact;
        take(req, "contact_civility", k.civility);
        take(req, "contact_first_name", k.first_name);
        take(req, "contact_last_name", k.last_name);
        take(req, "contact_role", k.role);
        std::string email, phone;
        take(req, "contact_email", email);
        take(req, "contact_phone", phone);
        k.emails = {email};
        k.phones = {phone};
        k.is_primary = true;
        bool filled = !blank(k.first_name) || !blank(k.last_name) || !blank(k.role) || !blank(email) || !blank(phone);
        c.contacts.clear();
        if (c.kind != "individual" && filled) c.contacts.push_back(k);
    }
    return f;
}

std::string client_form_field(const std::string& f) {
    auto replace_prefix = [&](const std::string& from, const std::string& to) -> std::optional<std::string> {
        if (f.rfind(from, 0) == 0) return to + f.substr(from.size());
        return std::nullopt;
    };
    if (auto r = replace_prefix("billing_address.", "billing_")) return *r;
    if (auto r = replace_prefix("delivery_address.", "delivery_")) return *r;
    if (auto r = replace_prefix("email_consent.", "email_consent_")) return *r;
    if (auto r = replace_prefix("sms_consent.", "sms_consent_")) return *r;
    if (f.rfind("contacts[0].", 0) == 0) {
        std::string rest = f.substr(12);
        if (rest.rfind("emails", 0) == 0) return "contact_email";
        if (rest.rfind("phones", 0) == 0) return "contact_phone";
        return "contact_" + rest;
    }
    if (f.rfind("category_ids", 0) == 0) return "category_ids";
    return f;
}

json client_form_view(const http::PageContext& ctx, const ClientForm& form, const ClientFormContext& fc) {
    const Client& c = form.client;
    const bool accountant = fc.mode == FormMode::AccountingOnly;
    const bool create = fc.mode == FormMode::Create;
    const bool company = c.kind != "individual";
    const auto& loc = ctx.locale();
    auto T = [&](const std::string& key) { return tr(ctx, key); };
    FormFields ff(fc.errors);

    // Every field but the accounting ones is read-only for the accountant.
    auto o = [&](FieldOpts opts = {}) {
        opts.disabled = opts.disabled || accountant;
        return opts;
    };
    json f = json::object();

    // Type and status.
    json kinds = json::array();
    for (const std::string k : {"company", "individual"})
        kinds.push_back({{"id", "f-kind-" + k}, {"value", k}, {"label", kind_label(ctx, k)}, {"checked", c.kind == k ||
                                                                                                (k == "company" && c.kind != "individual")}});
    ff.remember("kind", "f-kind-company", T("fields.kind"));
    f["status"] = ff.field("status", T("fields.status"), c.status, o({.type = "select", .options = status_options(ctx, c.status)}));

    // Identity.
    if (company) {
        f["legal_name"] = ff.field("legal_name", T("fields.legal_name"), c.legal_name,
                                   o({.required = true, .autocomplete = "organization", .maxlength = 200}));
        f["trade_name"] = ff.field("trade_name", T("fields.trade_name"), c.trade_name, o({.maxlength = 200}));
        f["legal_form"] = ff.field("legal_form", T("fields.legal_form"), c.legal_form,
                                   o({.hint = T("form.legal_form_hint"), .maxlength = 50}));
        f["siren"] = ff.field("siren", T("fields.siren"), c.siren, o({.hint = T("form.siren_hint"), .inputmode = "numeric"}));
        f["siret"] = ff.field("siret", T("fields.siret"), c.siret,
                              o({.hint = T("form.siret_hint"), .inputmode = "numeric", .dup_check = true}));
        f["vat_number"] = ff.field("vat_number", T("fields.vat_number"), c.vat_number, o({.hint = T("form.vat_hint")}));
        f["naf_code"] = ff.field("naf_code", T("fields.naf_code"), c.naf_code, o({.hint = T("form.naf_hint")}));
    } else {
        f["civility"] = ff.field("civility", T("fields.civility"), c.civility,
                                 o({.type = "select", .options = civility_options(ctx, c.civility)}));
        f["first_name"] = ff.field("first_name", T("fields.first_name"), c.first_name,
                                   o({.autocomplete = "given-name", .maxlength = 100}));
        f["last_name"] = ff.field("last_name", T("fields.last_name"), c.last_name,
                                  o({.required = true, .autocomplete = "family-name", .maxlength = 100}));
    }

    // Contact details.
    f["email"] = ff.field("email", T("fields.email"), c.email,
                          o({.type = "email", .autocomplete = "email", .dup_check = true}));
    f["phone"] = ff.field("phone", T("fields.phone"), c.phone,
                          o({.type = "tel", .hint = T("form.phone_hint"), .autocomplete = "tel", .dup_check = true}));
    f["website"] = ff.field("website", T("fields.website"), c.website,
                            o({.hint = T("form.website_hint"), .autocomplete = "url", .inputmode = "url"}));

    // Follow-up.
    json members = json::array();
    members.push_back({{"value", ""}, {"label", T("form.no_member")}, {"selected", form.assigned_text.empty()}});
    bool member_found = form.assigned_text.empty();
    for (const auto& u : fc.users) {
        bool sel = std::to_string(u.id) == form.assigned_text;
        member_found = member_found || sel;
        members.push_back({{"value", std::to_string(u.id)}, {"label", u.name}, {"selected", sel}});
    }
    if (!member_found)  // an invalid or former value stays visible (and is reported)
        members.push_back({{"value", form.assigned_text}, {"label", form.assigned_text}, {"selected", true}});
    f["assigned_user_id"] = ff.field("assigned_user_id", T("fields.assigned_user"), form.assigned_text,
                                     o({.type = "select", .options = members}));
    json cats = json::array();
    for (const auto& k : fc.categories) {
        bool checked = std::find(c.category_ids.begin(), c.category_ids.end(), k.id) != c.category_ids.end();
        cats.push_back({{"id", "f-category-" + std::to_string(k.id)},
                        {"value", std::to_string(k.id)},
                        {"name", k.name},
                        {"color", color_name(k.color)},
                        {"checked", checked}});
    }
    std::string cat_first_id = fc.categories.empty() ? "f-categories" : "f-category-" + std::to_string(fc.categories.front().id);
    ff.remember("category_ids", cat_first_id, T("fields.categories"));

    // Addresses.
    auto address = [&](const std::string& prefix, const Address& a) {
        f[prefix + "_line1"] = ff.field(prefix + "_line1", T("fields.line1"), a.line1,
                                        o({.autocomplete = prefix == "billing" ? "billing address-line1" : "shipping address-line1",
                                           .maxlength = 200}));
        f[prefix + "_line2"] = ff.field(prefix + "_line2", T("fields.line2"), a.line2,
                                        o({.autocomplete = prefix == "billing" ? "billing address-line2" : "shipping address-line2",
                                           .maxlength = 200}));
        f[prefix + "_postal_code"] = ff.field(prefix + "_postal_code", T("fields.postal_code"), a.postal_code,
                                              o({.autocomplete = prefix == "billing" ? "billing postal-code" : "shipping postal-code",
                                                 .maxlength = 20}));
        f[prefix + "_city"] = ff.field(prefix + "_city", T("fields.city"), a.city,
                                       o({.autocomplete = prefix == "billing" ? "billing address-level2" : "shipping address-level2",
                                          .maxlength = 100}));
        f[prefix + "_country"] = ff.field(prefix + "_country", T("fields.country"), a.country,
                                          o({.type = "select", .options = country_options(ctx, a.country)}));
    };
    address("billing", c.billing);
    f["delivery_different"] = ff.field("delivery_different", T("form.delivery_different"), "1",
                                       o({.type = "checkbox", .hint = T("form.delivery_hint"), .checked = form.delivery_different}));
    if (form.delivery_different) address("delivery", c.delivery.value_or(Address{}));

    // Commercial terms and accounting (the accountant's fields).
    f["payment_terms"] = ff.field("payment_terms", T("fields.payment_terms"), c.payment_terms,
                                  {.type = "select", .options = payment_terms_options(ctx, c.payment_terms)});
    f["payment_method"] = ff.field("payment_method", T("fields.payment_method"), c.payment_method,
                                   {.type = "select", .options = payment_method_options(ctx, c.payment_method)});
    f["default_discount"] = ff.field("default_discount", T("fields.default_discount"), form.discount_text,
                                     o({.hint = T("form.discount_hint"), .inputmode = "decimal", .maxlength = 10}));
    f["commercial_conditions"] = ff.field("commercial_conditions", T("fields.commercial_conditions"),
                                          c.commercial_conditions, o({.type = "textarea", .rows = 3}));
    f["accounting_code"] = ff.field("accounting_code", T("fields.accounting_code"), c.accounting_code,
                                    {.hint = T("form.accounting_code_hint"), .maxlength = 40});

    // Consents.
    auto consent = [&](const std::string& prefix, const Consent& k) {
        f[prefix + "_granted"] = ff.field(prefix + "_granted", T("fields.consent_granted"), "1",
                                          o({.type = "checkbox", .checked = k.granted}));
        f[prefix + "_date"] = ff.field(prefix + "_date", T("fields.consent_date"), k.date,
                                       o({.type = "date", .hint = T("form.consent_date_hint")}));
        f[prefix + "_source"] = ff.field(prefix + "_source", T("fields.consent_source"), k.source,
                                         o({.hint = T("form.consent_source_hint"), .maxlength = 200}));
        f[prefix + "_legal_basis"] = ff.field(prefix + "_legal_basis", T("fields.consent_legal_basis"), k.legal_basis,
                                              o({.type = "select", .options = legal_basis_options(ctx, k.legal_basis)}));
    };
    consent("email_consent", c.email_consent);
    consent("sms_consent", c.sms_consent);

    f["notes"] = ff.field("notes", T("fields.notes"), c.notes, o({.type = "textarea", .rows = 5}));

    // First contact (creation of a company).
    const bool show_contact = create && company;
    if (show_contact) {
        const Contact& k = form.first_contact;
        f["contact_civility"] = ff.field("contact_civility", T("fields.civility"), k.civility,
                                         {.type = "select", .options = civility_options(ctx, k.civility)});
        f["contact_first_name"] = ff.field("contact_first_name", T("fields.first_name"), k.first_name, {.maxlength = 100});
        f["contact_last_name"] = ff.field("contact_last_name", T("fields.last_name"), k.last_name, {.maxlength = 100});
        f["contact_role"] = ff.field("contact_role", T("fields.role"), k.role, {.maxlength = 100});
        f["contact_email"] = ff.field("contact_email", T("fields.email"), first_or_empty(k.emails),
                                      {.type = "email", .dup_check = true});
        f["contact_phone"] = ff.field("contact_phone", T("fields.phone"), first_or_empty(k.phones),
                                      {.type = "tel", .dup_check = true});
    }

    json kind_error = ff.error_for("kind");
    json cat_error = ff.error_for("category_ids");
    std::string id = std::to_string(fc.client_id);
    json dup = fc.duplicates.is_null() ? json{{"has_matches", false}, {"matches", json::array()}, {"show_force", false},
                                              {"force_label", ""}}
                                       : fc.duplicates;
    return {{"mode_create", create},
            {"accountant_only", accountant},
            {"client_id", create ? json(nullptr) : json(id)},
            {"action", create ? "/clients" : "/clients/" + id},
            {"refresh_url", create ? "/clients/new/refresh" : "/clients/" + id + "/edit/refresh"},
            {"cancel_url", create ? "/clients" : "/clients/" + id},
            {"submit_label", create ? T("form.create") : T("form.save")},
            {"is_company", company},
            {"kinds", kinds},
            {"kind_error", kind_error},
            {"f", f},
            {"show_delivery", form.delivery_different},
            {"categories", cats},
            {"has_categories", !cats.empty()},
            {"categories_error", cat_error},
            {"show_first_contact", show_contact},
            {"has_errors", ff.has_errors()},
            {"summary", ff.summary(loc)},
            {"duplicates", dup},
            {"is_admin", ctx.actor().is_admin()},
            {"locale_is_en", loc == "en"}};
}

// ---- Contacts ----

ContactForm parse_contact_form(const http::RequestBase& req) {
    ContactForm f;
    Contact& k = f.contact;
    take(req, "civility", k.civility);
    take(req, "first_name", k.first_name);
    take(req, "last_name", k.last_name);
    take(req, "role", k.role);
    f.emails = req.params("emails");
    f.phones = req.params("phones");
    if (f.emails.size() > 20) f.emails.resize(20);
    if (f.phones.size() > 20) f.phones.resize(20);
    k.emails = f.emails;  // blanks are skipped by the service; indexes match the inputs
    k.phones = f.phones;
    k.is_primary = req.param("is_primary") == "1";
    return f;
}

ContactForm form_from_contact(const Contact& c) {
    ContactForm f;
    f.contact = c;
    f.emails = c.emails;
    for (const auto& p : c.phones) f.phones.push_back(format_phone(p));
    return f;
}

std::string contact_form_field(const std::string& f) {
    // "emails[1]" -> "emails_1"; "emails" (too many) -> "emails_0".
    for (const std::string list : {"emails", "phones"}) {
        if (f == list) return list + "_0";
        if (f.rfind(list + "[", 0) == 0) {
            auto close = f.find(']');
            std::string idx = f.substr(list.size() + 1, close == std::string::npos ? std::string::npos : close - list.size() - 1);
            if (parse_id(idx)) return list + "_" + idx;
            return list + "_0";
        }
    }
    return f;
}

}  // namespace comptoir::crm::pages
