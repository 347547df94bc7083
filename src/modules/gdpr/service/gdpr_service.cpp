#include "modules/gdpr/service/gdpr_service.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/gdpr/model/export_format.hpp"
#include "modules/gdpr/storage/crm_source.hpp"

namespace comptoir::gdpr {
namespace {

using nlohmann::json;

Error client_not_found() { return Error::not_found("Ce client n'existe pas.", "This client does not exist."); }
Error contact_not_found() { return Error::not_found("Ce contact n'existe pas.", "This contact does not exist."); }
Error already_anonymised() {
    return Error::conflict("client.anonymised", "Ce client a déjà été anonymisé.", "This client was already anonymised.");
}

bool is_anonymised(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    auto row = conn.query_one("SELECT anonymised_at FROM clients WHERE company_id = ? AND id = ?", {company_id, client_id});
    return row && !row->text(0).empty();
}

std::optional<std::int64_t> client_of_contact(store::Connection& conn, std::int64_t company_id, std::int64_t contact_id) {
    auto row = conn.query_one("SELECT client_id FROM contacts WHERE company_id = ? AND id = ?", {company_id, contact_id});
    if (!row) return std::nullopt;
    return row->int64(0);
}

// The client and every card merged into it (duplicates review folder): one person, one request.
std::vector<std::int64_t> with_absorbed(store::Connection& conn, std::int64_t company_id, std::int64_t client_id) {
    std::vector<std::int64_t> ids{client_id};
    for (std::size_t i = 0; i < ids.size() && ids.size() < 1000; ++i)
        for (const auto& r : conn.query("SELECT id FROM clients WHERE company_id = ? AND merged_into_id = ? ORDER BY id",
                                        {company_id, ids[i]}))
            if (std::find(ids.begin(), ids.end(), r.int64(0)) == ids.end()) ids.push_back(r.int64(0));
    return ids;
}

std::optional<Error> check_reason(const std::string& reason) {
    if (reason.size() > 1000)
        return Error::invalid_field("reason", "reason.too_long", "Le motif est trop long (1000 caractères au plus).",
                                    "The reason is too long (at most 1000 characters).");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return Error::invalid_field("reason", "reason.required", "Indiquez le motif de la demande.",
                                    "Give the reason for the request.");
    return std::nullopt;
}

// The reason as audited: without the person's identifiers, should the admin have typed them.
std::string scrubbed(std::string text, const Person& p) {
    for (const auto& id : p.identifiers())
        for (std::size_t at; !id.empty() && (at = text.find(id)) != std::string::npos;)
            text.replace(at, id.size(), p.neutral_name);
    return text;
}

}  // namespace

std::optional<Error> check_confirmation(const Confirmation& c) {
    std::vector<FieldIssue> issues;
    if (!c.confirmed)
        issues.push_back({"confirm", "confirm.required",
                          "Cochez la case de confirmation : l'anonymisation est définitive.",
                          "Tick the confirmation box: anonymisation cannot be undone."});
    if (auto e = check_reason(c.reason)) issues.insert(issues.end(), e->fields.begin(), e->fields.end());
    if (issues.empty()) return std::nullopt;
    return Error::invalid(std::move(issues));
}

std::string years_before(const std::string& today, int years) {
    int year = std::stoi(today.substr(0, 4)) - years;
    std::string month_day = today.substr(4);
    if (month_day == "-02-29") month_day = "-02-28";
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d", year);
    return buf + month_day;
}

GdprService::GdprService(store::Database& db, crm::storage::FulltextIndex* fulltext) : db_(db) {
    auto crm = std::make_unique<CrmSource>(fulltext);
    crm_ = crm.get();
    sources_.push_back(std::move(crm));
    sources_.push_back(std::make_unique<AuditSource>());
}
GdprService::~GdprService() = default;

void GdprService::add_source(std::unique_ptr<PersonalDataSource> source) {
    // Before crm and audit: those rewrite the card and scrub the log last.
    sources_.insert(sources_.begin(), std::move(source));
}

void GdprService::add_table(TableSpec spec) { add_source(std::make_unique<TableSource>(std::move(spec))); }

void GdprService::after_anonymised() {
    for (auto& source : sources_) source->after_anonymised();
}

Result<std::vector<Section>> GdprService::collect(store::Connection& conn, const Person& person) {
    std::vector<Section> all;
    // crm first in the export: the card, then what the other modules hold.
    for (auto it = sources_.rbegin(); it != sources_.rend(); ++it) {
        auto sections = (*it)->collect(conn, person);
        all.insert(all.end(), sections.begin(), sections.end());
    }
    std::stable_sort(all.begin(), all.end(), [](const Section& a, const Section& b) {
        auto rank = [](const Section& s) { return s.key.rfind("crm.", 0) == 0 ? 0 : s.key.rfind("audit.", 0) == 0 ? 2 : 1; };
        return rank(a) < rank(b);
    });
    return all;
}

Result<ExportFile> GdprService::export_data(const Actor& actor, std::int64_t client_id, std::int64_t contact_id,
                                            const std::string& format) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (format != "json" && format != "csv")
        return fail(Error::invalid_field("format", "format.unknown", "Format attendu : json ou csv.",
                                         "Expected format: json or csv."));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ExportFile> {
        auto person = load_person(conn, actor.company_id, client_id, contact_id);
        if (!person) return fail(contact_id ? contact_not_found() : client_not_found());
        TRY_RESULT(sections, collect(conn, *person));
        if (!contact_id) {
            // Cards merged into this one hold the same person's data: their rows join the sections.
            auto ids = with_absorbed(conn, actor.company_id, client_id);
            for (std::size_t i = 1; i < ids.size(); ++i) {
                auto absorbed = load_person(conn, actor.company_id, ids[i], 0);
                if (!absorbed) continue;
                TRY_RESULT(more, collect(conn, *absorbed));
                for (auto& extra : more) {
                    auto same = std::find_if(sections.begin(), sections.end(),
                                             [&](const Section& s) { return s.key == extra.key; });
                    if (same == sections.end()) sections.push_back(std::move(extra));
                    else
                        for (auto& row : extra.rows) same->rows.push_back(std::move(row));
                }
            }
        }
        const std::string now = now_iso();
        json subject = {{"type", contact_id ? "contact" : "client"}, {"client_id", client_id}};
        if (contact_id) subject["contact_id"] = contact_id;
        audit::record(conn, actor, contact_id ? "contact" : "client", contact_id ? contact_id : client_id, "gdpr_export",
                      {{"format", format}, {"client_id", client_id}});
        const std::string base = contact_id ? "donnees-contact-" + std::to_string(contact_id)
                                            : "donnees-client-" + std::to_string(client_id);
        if (format == "json")
            return ExportFile{export_json(subject, now, sections, actor.locale).dump(2, ' ', false,
                                                                                     json::error_handler_t::replace),
                              "application/json; charset=utf-8", base + ".json"};
        return ExportFile{export_csv(subject, now, sections, actor.locale), "text/csv; charset=utf-8", base + ".csv"};
    });
}

Result<ExportFile> GdprService::export_contact(const Actor& actor, std::int64_t contact_id, const std::string& format) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::optional<std::int64_t> client_id;
    {
        auto conn = db_.acquire();
        client_id = client_of_contact(*conn, actor.company_id, contact_id);
    }
    if (!client_id) return fail(contact_not_found());
    return export_data(actor, *client_id, contact_id, format);
}

Result<std::string> GdprService::record_rectification(const Actor& actor, std::int64_t client_id,
                                                      std::int64_t contact_id, const std::string& reason) {
    if (actor.role != Role::Admin && actor.role != Role::Sales) return fail(Error::forbidden());
    if (auto e = check_reason(reason)) return fail(*e);
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::string> {
        auto person = load_person(conn, actor.company_id, client_id, contact_id);
        if (!person) return fail(contact_id ? contact_not_found() : client_not_found());
        if (is_anonymised(conn, actor.company_id, client_id)) return fail(already_anonymised());
        json changes = {{"reason", reason}};
        if (contact_id) changes["contact_id"] = contact_id;
        audit::record(conn, actor, "client", client_id, "gdpr_rectification", changes);
        return now_iso();
    });
}

void GdprService::anonymise_person(store::Connection& conn, const Actor& actor, const Person& person,
                                   const std::string& reason, const std::string& via) {
    const std::string now = now_iso();
    crm_->set_actor(actor.user_id, now);
    for (auto& source : sources_) source->anonymise(conn, person);
    json changes = {{"reason", scrubbed(reason, person)}, {"via", via}};
    if (person.contact_id) {
        changes["contact_id"] = person.contact_id;
        audit::record(conn, actor, "client", person.client_id, "gdpr_anonymise_contact", changes);
    } else {
        audit::record(conn, actor, "client", person.client_id, "gdpr_anonymise", changes);
    }
}

void GdprService::anonymise_client_in(store::Connection& conn, const Actor& actor, const Person& person,
                                     const std::string& reason, const std::string& via) {
    // Cards merged into this one (duplicates review folder) are the same person: erased with it.
    auto ids = with_absorbed(conn, actor.company_id, person.client_id);
    for (std::size_t i = ids.size(); i-- > 1;) {
        if (is_anonymised(conn, actor.company_id, ids[i])) continue;
        if (auto absorbed = load_person(conn, actor.company_id, ids[i], 0))
            anonymise_person(conn, actor, *absorbed, reason, "merged");
    }
    anonymise_person(conn, actor, person, reason, via);
}

Result<std::string> GdprService::anonymise_client(const Actor& actor, std::int64_t client_id,
                                                  const Confirmation& confirmation) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (auto e = check_confirmation(confirmation)) return fail(*e);
    auto done = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::string> {
        auto person = load_person(conn, actor.company_id, client_id, 0);
        if (!person) return fail(client_not_found());
        if (is_anonymised(conn, actor.company_id, client_id)) return fail(already_anonymised());
        anonymise_client_in(conn, actor, *person, confirmation.reason, "request");
        return conn.query_one("SELECT anonymised_at FROM clients WHERE company_id = ? AND id = ?",
                              {actor.company_id, client_id})
            ->text(0);
    });
    if (done) after_anonymised();
    return done;
}

Result<std::int64_t> GdprService::anonymise_contact(const Actor& actor, std::int64_t contact_id,
                                                   const Confirmation& confirmation) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (auto e = check_confirmation(confirmation)) return fail(*e);
    auto done = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::int64_t> {
        auto client_id = client_of_contact(conn, actor.company_id, contact_id);
        if (!client_id) return fail(contact_not_found());
        auto person = load_person(conn, actor.company_id, *client_id, contact_id);
        if (!person) return fail(contact_not_found());
        anonymise_person(conn, actor, *person, confirmation.reason, "request");
        return *client_id;
    });
    if (done) after_anonymised();
    return done;
}

Result<std::vector<storage::ConsentEvent>> GdprService::consent_history(const Actor& actor, std::int64_t client_id) {
    auto conn = db_.acquire();
    if (!conn->query_one("SELECT id FROM clients WHERE company_id = ? AND id = ?", {actor.company_id, client_id}))
        return fail(client_not_found());
    return storage::consent_events(*conn, actor.company_id, client_id);
}

Result<std::string> GdprService::anonymised_at(const Actor& actor, std::int64_t client_id) {
    auto conn = db_.acquire();
    auto row = conn->query_one("SELECT anonymised_at FROM clients WHERE company_id = ? AND id = ?",
                               {actor.company_id, client_id});
    if (!row) return fail(client_not_found());
    return row->text(0);
}

RetentionView GdprService::retention_in(store::Connection& conn, const Actor& actor) {
    RetentionView view;
    view.years = storage::retention_years(conn, actor.company_id);
    view.cutoff = years_before(today_iso(), view.years);
    auto prospects = storage::stale_prospects(conn, actor.company_id, view.cutoff);
    if (prospects.empty()) return view;
    // A prospect with any later activity elsewhere (a document, a payment, an e-mail) is kept.
    for (auto& source : sources_) {
        if (source.get() == crm_) continue;
        auto last = source->last_activity(conn, actor.company_id);
        for (auto& p : prospects)
            if (auto it = last.find(p.id); it != last.end() && it->second > p.last_activity) p.last_activity = it->second;
    }
    std::erase_if(prospects, [&](const storage::Prospect& p) { return p.last_activity >= view.cutoff; });
    view.prospects = std::move(prospects);
    return view;
}

Result<RetentionView> GdprService::retention(const Actor& actor) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    auto conn = db_.acquire();
    return retention_in(*conn, actor);
}

Result<int> GdprService::set_retention_years(const Actor& actor, int years) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (years < 1 || years > 10)
        return fail(Error::invalid_field("years", "years.range", "La durée doit être comprise entre 1 et 10 ans.",
                                         "The period must be between 1 and 10 years."));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<int> {
        const int before = storage::retention_years(conn, actor.company_id);
        storage::set_retention_years(conn, actor.company_id, years, actor.user_id, now_iso());
        if (before != years)
            audit::record(conn, actor, "company", actor.company_id, "gdpr_retention",
                          {{"prospect_retention_years", {{"from", before}, {"to", years}}}});
        return years;
    });
}

Result<std::vector<std::int64_t>> GdprService::anonymise_prospects(const Actor& actor,
                                                                   const std::vector<std::int64_t>& client_ids,
                                                                   const Confirmation& confirmation) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::vector<FieldIssue> issues;
    if (client_ids.empty())
        issues.push_back({"client_ids", "client_ids.required", "Choisissez au moins un prospect.",
                          "Choose at least one prospect."});
    if (client_ids.size() > 500)
        issues.push_back({"client_ids", "client_ids.too_many", "500 prospects au plus à la fois.",
                          "At most 500 prospects at a time."});
    if (auto e = check_confirmation(confirmation)) issues.insert(issues.end(), e->fields.begin(), e->fields.end());
    if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
    auto done = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<std::vector<std::int64_t>> {
        // Checked again inside the transaction: only prospects the rule lists now.
        std::set<std::int64_t> listed;
        for (const auto& p : retention_in(conn, actor).prospects) listed.insert(p.id);
        std::vector<FieldIssue> wrong;
        std::set<std::int64_t> seen;
        for (std::size_t i = 0; i < client_ids.size(); ++i)
            if (!listed.contains(client_ids[i]) || !seen.insert(client_ids[i]).second)
                wrong.push_back({"client_ids[" + std::to_string(i) + "]", "client_ids.not_listed",
                                 "Ce client n'est pas un prospect sans activité sur la période.",
                                 "This client is not a prospect without activity over the period."});
        if (!wrong.empty()) return fail(Error::invalid(std::move(wrong)));
        for (auto id : client_ids) {
            auto person = load_person(conn, actor.company_id, id, 0);
            anonymise_client_in(conn, actor, *person, confirmation.reason, "retention");
        }
        return client_ids;
    });
    if (done) after_anonymised();
    return done;
}

Result<std::vector<Activity>> GdprService::activities(const Actor& actor) {
    auto conn = db_.acquire();
    return storage::activities(*conn, actor.company_id);
}

Result<Activity> GdprService::update_activity(const Actor& actor, const std::string& key,
                                              const std::map<std::string, std::string>& fields) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (!default_activity(key)) return fail(Error::not_found("Ce traitement n'existe pas.", "This activity does not exist."));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Activity> {
        Activity a;
        for (auto& candidate : storage::activities(conn, actor.company_id))
            if (candidate.key == key) a = candidate;
        const Activity before = a;
        std::vector<FieldIssue> issues;
        for (const auto& [field, value] : fields) {
            std::string* target = activity_field(a, field);
            if (!target) {
                issues.push_back({field, "unknown", "Ce champ n'existe pas.", "This field does not exist."});
                continue;
            }
            if (value.size() > 4000) {
                issues.push_back({field, "too_long", "Ce texte est trop long (4000 caractères au plus).",
                                  "This text is too long (at most 4000 characters)."});
                continue;
            }
            *target = value;
        }
        if (a.name.find_first_not_of(" \t\r\n") == std::string::npos)
            issues.push_back({"name", "name.required", "Donnez un nom au traitement.", "Give the activity a name."});
        if (!issues.empty()) return fail(Error::invalid(std::move(issues)));
        a.updated_at = now_iso();
        storage::save_activity(conn, actor.company_id, a, actor.user_id);
        json changes = json::object();
        for (const auto& field : activity_fields()) {
            Activity b = before;
            Activity after = a;
            if (*activity_field(b, field) != *activity_field(after, field))
                changes[field] = {{"from", *activity_field(b, field)}, {"to", *activity_field(after, field)}};
        }
        changes["activity"] = key;
        audit::record(conn, actor, "company", actor.company_id, "gdpr_register", changes);
        return a;
    });
}

}  // namespace comptoir::gdpr
