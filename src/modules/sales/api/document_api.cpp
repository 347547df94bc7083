#include "modules/sales/api/document_api.hpp"

#include <algorithm>

#include <httplib.h>

#include "core/clock.hpp"
#include "http/api_reply.hpp"
#include "http/page_params.hpp"
#include "modules/sales/model/document_json.hpp"

namespace comptoir::sales {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using nlohmann::json;

std::optional<std::int64_t> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
    return std::stoll(s);
}

Result<storage::DocumentQuery> list_query(const ApiContext& ctx) {
    storage::DocumentQuery q;
    std::vector<FieldIssue> issues;
    for (const auto& code : ctx.params("type")) {
        if (code.empty()) continue;
        if (auto t = parse_document_type(code)) q.types.push_back(*t);
        else issues.push_back({"type", "document_type.unknown", "Type de document inconnu.", "Unknown document type."});
    }
    if (auto status = ctx.param("status"); !status.empty()) {
        if (auto s = parse_document_status(status)) q.status = *s;
        else issues.push_back({"status", "document_status.unknown", "Statut inconnu.", "Unknown status."});
    }
    if (auto client = ctx.param("client_id"); !client.empty()) {
        if (auto id = parse_id(client)) q.client_id = id;
        else issues.push_back({"client_id", "type", "Identifiant numérique attendu.", "A numeric id is expected."});
    }
    for (auto [key, target] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        auto v = ctx.param(key);
        if (v.empty()) continue;
        if (valid_iso_date(v)) *target = v;
        else issues.push_back({key, "date.invalid", "Date invalide : attendu AAAA-MM-JJ.", "Invalid date: expected YYYY-MM-DD."});
    }
    q.number_prefix = ctx.param("number");
    auto archived = ctx.param("archived");
    if (archived == "true" || archived == "1") q.archived = true;
    else if (!archived.empty() && archived != "false" && archived != "0")
        issues.push_back({"archived", "type", "Valeur attendue : true ou false.", "Expected true or false."});
    http::read_id_page(ctx.param("limit"), ctx.param("cursor"), issues, q.limit, q.before_id);
    if (!issues.empty()) return fail(Error::invalid(issues));
    return q;
}

Result<std::optional<DepositRequest>> deposit_of(const json& body) {
    const bool percent = body.contains("deposit_percent"), amount = body.contains("deposit_amount");
    if (!percent && !amount) return std::optional<DepositRequest>{};
    if (percent && amount)
        return fail(Error::invalid_field("deposit_percent", "deposit.both", "Donnez un pourcentage ou un montant, pas les deux.",
                                         "Give a percentage or an amount, not both."));
    const char* key = percent ? "deposit_percent" : "deposit_amount";
    const auto& v = body.at(key);
    std::string text = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : std::string("?");
    if (percent) {
        TRY_RESULT(p, Decimal::parse(text, key));
        return std::optional(DepositRequest::of_percent(p));
    }
    TRY_RESULT(m, Money::parse(text, key));
    return std::optional(DepositRequest::of_amount(m));
}

json settings_json(const SalesSettings& s) {
    json series = json::array();
    for (const auto& x : s.series)
        series.push_back({{"series", std::string(to_code(x.series))}, {"pattern", x.pattern}, {"next_number", x.next_number}});
    return {{"series", series},
            {"credit_notes_shared", s.credit_notes_shared},
            {"vat_on_debits", s.vat_on_debits},
            {"margin_threshold_percent", s.margin_threshold_percent.to_string()}};
}

Result<SalesSettings> settings_from_json(const json& body, SalesSettings base) {
    std::vector<FieldIssue> issues;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != "series" && it.key() != "credit_notes_shared" && it.key() != "vat_on_debits" &&
            it.key() != "margin_threshold_percent")
            issues.push_back({it.key(), "unknown", "Ce champ n'existe pas.", "This field does not exist."});
    for (const char* key : {"credit_notes_shared", "vat_on_debits"}) {
        if (!body.contains(key)) continue;
        if (!body[key].is_boolean()) {
            issues.push_back({key, "type", "Valeur attendue : true ou false.", "Expected true or false."});
            continue;
        }
        (std::string(key) == "vat_on_debits" ? base.vat_on_debits : base.credit_notes_shared) = body[key].get<bool>();
    }
    if (body.contains("margin_threshold_percent")) {
        const auto& v = body["margin_threshold_percent"];
        std::string text = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : std::string("?");
        if (auto p = Decimal::parse(text, "margin_threshold_percent")) base.margin_threshold_percent = *p;
        else issues.insert(issues.end(), p.error().fields.begin(), p.error().fields.end());
    }
    base.series.clear();  // only the series sent are changed
    if (body.contains("series")) {
        if (!body["series"].is_array()) {
            issues.push_back({"series", "type", "Liste attendue.", "An array is expected."});
        } else {
            for (std::size_t i = 0; i < body["series"].size(); ++i) {
                const json& x = body["series"][i];
                const std::string field = "series[" + std::to_string(i) + "]";
                std::string code = x.is_object() && x.contains("series") && x["series"].is_string() ? x["series"].get<std::string>() : "";
                auto known = std::find_if(kAllNumberSeries.begin(), kAllNumberSeries.end(),
                                          [&](NumberSeries n) { return to_code(n) == code; });
                if (known == kAllNumberSeries.end()) {
                    issues.push_back({field + ".series", "series.unknown", "Série inconnue.", "Unknown series."});
                    continue;
                }
                if (!x.contains("pattern") || !x["pattern"].is_string()) {
                    issues.push_back({field + ".pattern", "type", "Modèle de numéro attendu (texte).", "A number pattern (text) is expected."});
                    continue;
                }
                base.series.push_back({*known, x["pattern"].get<std::string>(), ""});
            }
        }
    }
    if (!issues.empty()) return fail(Error::invalid(issues));
    return base;
}

}  // namespace

json detail_json(const DocumentDetail& d) {
    DocumentView view{d.document, d.totals ? &*d.totals : nullptr, d.margins ? &*d.margins : nullptr, d.links,
                      d.next_statuses, d.conversions};
    json j = to_json(view);
    j["editable"] = d.editable;
    if (d.margins) {
        j["margins"]["low_margin"] = d.low_margin;
        j["margins"]["low_margin_lines"] = d.low_margin_lines;
    }
    if (d.totals_error) {
        json errors = json::array();
        for (const auto& f : d.totals_error->fields)
            errors.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message_fr}, {"message_en", f.message_en}});
        j["errors"] = errors;
    }
    return j;
}

void register_document_api(http::WebServer& web, DocumentService& s) {
    web.api(Method::Get, "/api/v1/documents", [&s](ApiContext& ctx) {
        auto query = list_query(ctx);
        if (!query) return ctx.problem(query.error());
        reply(ctx, s.list(ctx.actor(), *query), [](const DocumentPage& page) {
            json data = json::array();
            for (const auto& d : page.items) data.push_back(summary_json(d));
            return json{{"data", data},
                        {"next_cursor", page.next_before_id ? json(std::to_string(*page.next_before_id)) : json(nullptr)}};
        });
    });
    web.api(Method::Post, "/api/v1/documents", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = document_from_json(*body, Document{}, true);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.create(ctx.actor(), std::move(*input)), detail_json, 201);
    });
    web.api(Method::Post, "/api/v1/documents/preview", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = document_from_json(*body, Document{}, true);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.preview(ctx.actor(), std::move(*input)), detail_json);
    });
    web.api(Method::Get, R"(/api/v1/documents/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), detail_json);
    });
    web.api(Method::Patch, R"(/api/v1/documents/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto base = s.draft_input(ctx.actor(), *id);
        if (!base) return ctx.problem(base.error());
        auto input = document_from_json(*body, *base, false);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update(ctx.actor(), *id, std::move(*input)), detail_json);
    });
    web.api(Method::Delete, R"(/api/v1/documents/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto done = s.remove(ctx.actor(), *id);
        if (!done) return ctx.problem(done.error());
        ctx.no_content();
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/validate)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.validate(ctx.actor(), *id), detail_json);
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/status)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto code = body->contains("status") && (*body)["status"].is_string() ? (*body)["status"].get<std::string>() : "";
        auto status = parse_document_status(code);
        if (!status)
            return ctx.problem(Error::invalid_field("status", "document_status.unknown", "Statut inconnu.", "Unknown status."));
        reply(ctx, s.change_status(ctx.actor(), *id, *status), detail_json);
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/convert)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto code = body->contains("type") && (*body)["type"].is_string() ? (*body)["type"].get<std::string>() : "";
        auto type = parse_document_type(code);
        if (!type)
            return ctx.problem(Error::invalid_field("type", "document_type.unknown", "Type de document inconnu.",
                                                    "Unknown document type."));
        auto deposit = deposit_of(*body);
        if (!deposit) return ctx.problem(deposit.error());
        reply(ctx, s.convert(ctx.actor(), *id, *type, *deposit), detail_json, 201);
    });
    web.api(Method::Post, R"(/api/v1/documents/(\d+)/situation)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        if (!body->contains("progress") || !(*body)["progress"].is_array())
            return ctx.problem(Error::invalid_field("progress", "type", "Donnez l'avancement cumulé de chaque ligne (liste).",
                                                    "Give each line's cumulative progress (an array)."));
        SituationProgress progress;
        std::vector<FieldIssue> issues;
        const json& list = (*body)["progress"];
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string field = "progress[" + std::to_string(i) + "]";
            const auto& v = list[i];
            std::string text = v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : std::string("?");
            auto p = Decimal::parse(text, field);
            if (!p) issues.insert(issues.end(), p.error().fields.begin(), p.error().fields.end());
            else progress.cumulative_percent.push_back(*p);
        }
        if (!issues.empty()) return ctx.problem(Error::invalid(issues));
        reply(ctx, s.situation(ctx.actor(), *id, progress), detail_json, 201);
    });
    for (bool archive : {true, false}) {
        web.api(Method::Post, archive ? R"(/api/v1/documents/(\d+)/archive)" : R"(/api/v1/documents/(\d+)/restore)",
                [&s, archive](ApiContext& ctx) {
                    auto id = ctx.path_id();
                    if (!id) return ctx.problem(invalid_id());
                    reply(ctx, s.set_archived(ctx.actor(), *id, archive), detail_json);
                });
    }
    web.api(Method::Get, "/api/v1/sales/settings", [&s](ApiContext& ctx) {
        reply(ctx, s.settings(ctx.actor()), settings_json);
    });
    web.api(Method::Put, "/api/v1/sales/settings", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.settings(ctx.actor());
        if (!current) return ctx.problem(current.error());
        auto input = settings_from_json(*body, *current);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update_settings(ctx.actor(), *input), settings_json);
    });
    web.api(Method::Get, R"(/api/v1/documents/(\d+)/pdf)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto pdf = s.pdf(ctx.actor(), *id);
        if (!pdf) return ctx.problem(pdf.error());
        ctx.set_response_header("Content-Disposition", "inline; filename=\"document-" + std::to_string(*id) + ".pdf\"");
        ctx.response().set_content(*pdf, "application/pdf");
    });
}

}  // namespace comptoir::sales
