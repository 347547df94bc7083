// GET /clients/{id}: the client card, its contacts and the history of its changes.
#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/contact/phone.hpp"
#include "core/legal/siren.hpp"
#include "modules/crm/http/page_support.hpp"
#include "modules/crm/http/pages_internal.hpp"
#include "modules/crm/model/client_validation.hpp"

namespace comptoir::crm::pages {
namespace {

using http::Method;
using http::PageContext;

json row(const std::string& label, const std::string& text, const std::string& href = "", bool mono = false,
         bool external = false) {
    return {{"label", label}, {"text", opt(text)}, {"href", opt(href)}, {"mono", mono}, {"external", external},
            {"lines", nullptr}};
}

json address_lines(const PageContext& ctx, const Address& a) {
    std::vector<std::string> lines;
    for (const auto& l : {a.line1, a.line2}) if (!l.empty()) lines.push_back(l);
    std::string city = a.postal_code + (a.postal_code.empty() || a.city.empty() ? "" : " ") + a.city;
    if (!city.empty()) lines.push_back(city);
    if (!a.country.empty() && a.country != "FR") lines.push_back(country_label(ctx, a.country));
    json out = json::array();
    for (std::size_t i = 0; i < lines.size(); ++i) out.push_back({{"text", lines[i]}, {"last", i + 1 == lines.size()}});
    return out;
}

bool safe_web_link(const std::string& url) { return url.starts_with("https://") || url.starts_with("http://"); }

// ---- History ----

struct HistoryLookup {
    std::map<std::int64_t, std::string> categories;
    std::map<std::int64_t, std::string> users;
};

// Changed fields are listed in the order of the form.
std::size_t field_rank(const std::string& key) {
    static const std::vector<std::string> order{
        "kind", "status", "legal_name", "trade_name", "civility", "first_name", "last_name", "legal_form", "siren", "siret",
        "vat_number", "naf_code", "email", "phone", "website", "assigned_user_id", "category_ids",
        "billing_address.line1", "billing_address.line2", "billing_address.postal_code", "billing_address.city",
        "billing_address.country", "delivery_address", "delivery_address.line1", "delivery_address.line2",
        "delivery_address.postal_code", "delivery_address.city", "delivery_address.country", "payment_terms",
        "payment_method", "default_discount", "commercial_conditions", "accounting_code", "email_consent.granted",
        "email_consent.date", "email_consent.legal_basis", "email_consent.source", "sms_consent.granted",
        "sms_consent.date", "sms_consent.legal_basis", "sms_consent.source", "notes"};
    auto it = std::find(order.begin(), order.end(), key);
    return static_cast<std::size_t>(it - order.begin());
}

std::string history_label(const PageContext& ctx, const std::string& key) {
    std::string flat = key;
    std::replace(flat.begin(), flat.end(), '.', '_');
    std::string catalog_key = "crm.history_fields." + flat;
    std::string label = ctx.t(catalog_key);
    return label == catalog_key ? key : label;
}

std::string history_value(const PageContext& ctx, const HistoryLookup& lookup, const std::string& key, const json& v) {
    const auto& loc = ctx.locale();
    if (v.is_null()) return "";
    if (v.is_boolean()) return ctx.t(v.get<bool>() ? "common.yes" : "common.no");
    if (key == "category_ids" && v.is_array()) {
        std::string out;
        for (const auto& id : v) {
            std::string name = id.is_number_integer() && lookup.categories.contains(id.get<std::int64_t>())
                                   ? lookup.categories.at(id.get<std::int64_t>())
                                   : "#" + id.dump();
            out += (out.empty() ? "" : ", ") + name;
        }
        return out;
    }
    if (key == "assigned_user_id" && v.is_number_integer()) {
        auto id = v.get<std::int64_t>();
        return lookup.users.contains(id) ? lookup.users.at(id) : "#" + std::to_string(id);
    }
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) out += (out.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
        return out;
    }
    if (!v.is_string()) return v.dump();
    std::string s = v.get<std::string>();
    if (s.empty()) return s;
    if (key == "status") return status_label(ctx, s);
    if (key == "kind") return kind_label(ctx, s);
    if (key == "civility") return civility_label(ctx, s);
    if (key == "payment_terms") return payment_terms_label(s, loc);
    if (key == "payment_method") return payment_method_label(s, loc);
    if (key.ends_with("legal_basis")) return legal_basis_label(ctx, s);
    if (key.ends_with("country")) return country_label(ctx, s);
    if (key == "phone") return format_phone(s);
    if (key == "siret") return format_siret(s);
    if (key == "siren") return format_siren(s);
    if (key == "default_discount") {
        auto bp = parse_percent(s);
        return (bp ? display_percent(*bp, loc) : s) + " %";
    }
    if (key.ends_with("consent.date")) return display_date(s, loc);
    return s;
}

json history_view(const PageContext& ctx, const std::vector<audit::Entry>& entries, const HistoryLookup& lookup) {
    static const std::vector<std::string> known{"create",      "update",         "archive",        "restore",
                                                "contact_add", "contact_update", "contact_delete", "merge",
                                                "merged_into", "unmerge",      "import_undo",
                                                // Recorded by the GDPR module on the client's card.
                                                "gdpr_export", "gdpr_rectification", "gdpr_anonymise",
                                                "gdpr_anonymise_contact"};
    json out = json::array();
    for (const auto& e : entries) {
        bool is_known = std::find(known.begin(), known.end(), e.action) != known.end();
        std::string who = !e.user_name.empty() ? e.user_name : e.user_id != 0 ? tr(ctx, "history.unknown_user") : tr(ctx, "history.system");
        json changes = json::array();
        std::string contact_name;
        if (e.action.starts_with("contact_")) {
            if (e.changes.is_object() && e.changes.contains("full_name") && e.changes["full_name"].is_string())
                contact_name = e.changes["full_name"].get<std::string>();
        } else if (const json& diff = e.action == "merge" && e.changes.contains("changes") ? e.changes["changes"] : e.changes;
                   (e.action == "update" || e.action == "merge") && diff.is_object()) {
            // A merge records the survivor's field changes under "changes", like an update's.
            std::vector<std::string> keys;
            for (auto it = diff.begin(); it != diff.end(); ++it) keys.push_back(it.key());
            std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
                return field_rank(a) < field_rank(b);
            });
            for (const auto& key : keys) {
                const json& change = diff[key];
                if (!change.is_object()) continue;
                json from = change.contains("from") ? change["from"] : json();
                json to = change.contains("to") ? change["to"] : json();
                std::string f = history_value(ctx, lookup, key, from);
                std::string t = history_value(ctx, lookup, key, to);
                if (f == t) continue;  // e.g. "delivery_address": null on both sides once flattened
                changes.push_back({{"label", history_label(ctx, key)},
                                   {"from", f.empty() ? tr(ctx, "empty_value") : f},
                                   {"to", t.empty() ? tr(ctx, "empty_value") : t}});
            }
        }
        out.push_back({{"action_label", tr(ctx, "history.actions." + (is_known ? e.action : std::string("other")))},
                       {"who", who},
                       {"when", when(e.at, ctx.locale())},
                       {"at", e.at},
                       {"contact_name", opt(contact_name)},
                       {"has_changes", !changes.empty()},
                       {"changes", changes}});
    }
    return out;
}

json consent_view(const PageContext& ctx, const std::string& channel, const Consent& c) {
    bool details = !c.date.empty() || !c.source.empty() || !c.legal_basis.empty();
    return {{"channel", channel},
            {"granted", c.granted},
            {"has_details", details},
            {"date", c.date.empty() ? json(nullptr) : json(display_date(c.date, ctx.locale()))},
            {"source", opt(c.source)},
            {"basis", c.legal_basis.empty() ? json(nullptr) : json(legal_basis_label(ctx, c.legal_basis))}};
}

}  // namespace

void register_card_page(http::WebServer& web, ClientService& service) {
    web.page(Method::Get, R"(/clients/(\d+))", [&service](PageContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.error_page(Error::not_found("Ce client n'existe pas.", "This client does not exist."));
        auto found = service.get(ctx.actor(), *id);
        if (!found) return ctx.error_page(found.error());
        const Client& c = *found;
        const auto& loc = ctx.locale();
        auto T = [&](const std::string& key) { return tr(ctx, key); };

        HistoryLookup lookup;
        json categories = json::array();
        if (auto cats = service.categories(ctx.actor())) {
            for (const auto& k : *cats) {
                lookup.categories[k.id] = k.name;
                if (std::find(c.category_ids.begin(), c.category_ids.end(), k.id) != c.category_ids.end())
                    categories.push_back(category_json(k));
            }
        }
        if (auto users = service.assignable_users(ctx.actor()))
            for (const auto& u : *users) lookup.users[u.id] = u.name;
        json history = json::array();
        if (auto entries = service.history(ctx.actor(), *id)) history = history_view(ctx, *entries, lookup);

        json identity = json::array();
        if (c.kind == "individual") {
            identity.push_back(row(T("fields.civility"), civility_label(ctx, c.civility)));
            identity.push_back(row(T("fields.first_name"), c.first_name));
            identity.push_back(row(T("fields.last_name"), c.last_name));
        } else {
            identity.push_back(row(T("fields.legal_name"), c.legal_name));
            identity.push_back(row(T("fields.trade_name"), c.trade_name));
            identity.push_back(row(T("fields.legal_form"), c.legal_form));
            identity.push_back(row(T("fields.siren"), c.siren.empty() ? "" : format_siren(c.siren), "", true));
            identity.push_back(row(T("fields.siret"), c.siret.empty() ? "" : format_siret(c.siret), "", true));
            identity.push_back(row(T("fields.vat_number"), c.vat_number, "", true));
            identity.push_back(row(T("fields.naf_code"), c.naf_code, "", true));
        }
        json coordinates = json::array();
        coordinates.push_back(row(T("fields.email"), c.email, c.email.empty() ? "" : "mailto:" + c.email));
        coordinates.push_back(row(T("fields.phone"), c.phone.empty() ? "" : format_phone(c.phone),
                                  c.phone.empty() ? "" : "tel:" + c.phone));
        coordinates.push_back(row(T("fields.website"), c.website, safe_web_link(c.website) ? c.website : "", false,
                                  safe_web_link(c.website)));
        json commercial = json::array();
        commercial.push_back(row(T("fields.payment_terms"), payment_terms_label(c.payment_terms, loc)));
        commercial.push_back(row(T("fields.payment_method"), payment_method_label(c.payment_method, loc)));
        commercial.push_back(row(T("history_fields.default_discount"),
                                 c.default_discount_bp == 0 ? "" : display_percent(c.default_discount_bp, loc) + " %"));
        json conditions = row(T("fields.commercial_conditions"), c.commercial_conditions);
        if (c.commercial_conditions.find('\n') != std::string::npos) conditions["lines"] = text_lines(c.commercial_conditions);
        commercial.push_back(conditions);

        json contacts = json::array();
        for (const auto& k : c.contacts) {
            json emails = json::array(), phones = json::array();
            for (const auto& e : k.emails) emails.push_back({{"address", e}});
            for (const auto& p : k.phones) phones.push_back({{"e164", p}, {"display", format_phone(p)}});
            contacts.push_back({{"id", k.id},
                                {"full_name", k.full_name()},
                                {"role", opt(k.role)},
                                {"emails", emails},
                                {"phones", phones},
                                {"is_primary", k.is_primary}});
        }

        std::string subtitle;
        if (c.kind != "individual" && !c.trade_name.empty() && c.trade_name != c.display_name()) subtitle = c.trade_name;
        // A card merged into another is kept for the record (and the undo), no longer edited.
        bool writer = can_write_clients(ctx.actor()) && !c.merged_into_id;
        json data = {
            {"id", std::to_string(c.id)},
            {"display_name", c.display_name()},
            {"subtitle", opt(subtitle)},
            {"kind_label", kind_label(ctx, c.kind)},
            {"status_label", status_label(ctx, c.status)},
            {"status_class", status_badge_class(c.status)},
            {"archived", c.archived},
            {"merged_into_id", c.merged_into_id ? json(std::to_string(*c.merged_into_id)) : json(nullptr)},
            {"merged_into_name", c.merged_into_name},
            {"can_write", writer},
            {"can_edit_accounting", !writer && ctx.actor().role == Role::Accountant},
            {"flash", flash_for(ctx, ctx.param("saved"))},
            {"identity", {{"rows", identity}}},
            {"coordinates", {{"rows", coordinates}}},
            {"commercial", {{"rows", commercial}}},
            {"has_billing", !c.billing.empty()},
            {"billing_lines", address_lines(ctx, c.billing)},
            {"has_delivery", c.delivery.has_value() && !c.delivery->empty()},
            {"delivery_lines", c.delivery ? address_lines(ctx, *c.delivery) : json::array()},
            {"accounting_code", opt(c.accounting_code)},
            {"assigned_name", opt(c.assigned_user_name)},
            {"categories", categories},
            {"has_categories", !categories.empty()},
            {"has_notes", !c.notes.empty()},
            {"notes_lines", text_lines(c.notes)},
            {"consents", json::array({consent_view(ctx, T("card.email_channel"), c.email_consent),
                                      consent_view(ctx, T("card.sms_channel"), c.sms_consent)})},
            {"contacts", contacts},
            {"has_contacts", !contacts.empty()},
            {"contacts_count", std::to_string(contacts.size())},
            {"created_when", when(c.created_at, loc)},
            {"created_by", opt(c.created_by_name)},
            {"updated_when", c.updated_at.empty() || c.updated_at == c.created_at ? json(nullptr) : json(when(c.updated_at, loc))},
            {"updated_by", opt(c.updated_by_name)},
            {"history", history},
            {"has_history", !history.empty()}};
        ctx.render_page("crm/client_card", data, c.display_name(), "clients");
    });
}

}  // namespace comptoir::crm::pages
