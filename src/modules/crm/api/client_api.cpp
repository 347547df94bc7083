#include "modules/crm/api/client_api.hpp"

#include "core/contact/phone.hpp"
#include "http/api_reply.hpp"
#include "modules/crm/api/list_query.hpp"
#include "modules/crm/model/client_json.hpp"

namespace comptoir::crm {
namespace {

using http::ApiContext;
using http::invalid_id;
using http::Method;
using http::reply;
using nlohmann::json;

DuplicatePolicy policy_of(const ApiContext& ctx) {
    auto force = ctx.param("force");
    return force == "true" || force == "1" ? DuplicatePolicy::CreateAnyway : DuplicatePolicy::Refuse;
}

json list_item_json(const ClientListItem& i) {
    return {{"id", i.id}, {"kind", i.kind}, {"status", i.status}, {"display_name", i.display_name},
            {"trade_name", i.trade_name}, {"legal_name", i.legal_name}, {"siret", i.siret}, {"email", i.email},
            {"phone", i.phone}, {"phone_display", i.phone.empty() ? "" : format_phone(i.phone)}, {"city", i.city},
            {"postal_code", i.postal_code}, {"assigned_user_name", i.assigned_user_name}, {"archived", i.archived},
            {"created_at", i.created_at}, {"updated_at", i.updated_at}};
}

json category_json(const Category& c) {
    return {{"id", c.id}, {"name", c.name}, {"color", c.color}, {"client_count", c.client_count}};
}

Result<std::pair<std::string, std::string>> category_fields(const json& body, const Category* base) {
    std::string name = base ? base->name : "", color = base ? base->color : "";
    std::vector<FieldIssue> issues;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "name" && it.key() != "color" && it.key() != "id" && it.key() != "client_count")
            issues.push_back({it.key(), "unknown_field", "Champ inconnu.", "Unknown field."});
    }
    for (auto [key, target] : {std::pair{"name", &name}, std::pair{"color", &color}}) {
        if (!body.contains(key)) continue;
        if (body[key].is_string()) *target = body[key].get<std::string>();
        else issues.push_back({key, "type", "Ce champ doit être une chaîne de caractères.", "This field must be a string."});
    }
    if (!issues.empty()) return fail(Error::invalid(issues));
    return std::pair{name, color};
}

void register_clients(http::WebServer& web, ClientService& s) {
    web.api(Method::Get, "/api/v1/clients", [&s](ApiContext& ctx) {
        auto query = client_list_query(ctx);
        if (!query) return ctx.problem(query.error());
        reply(ctx, s.list(ctx.actor(), *query), [](const ClientListPage& page) {
            json data = json::array();
            for (const auto& item : page.items) data.push_back(list_item_json(item));
            return json{{"data", data}, {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)}};
        });
    });
    web.api(Method::Post, "/api/v1/clients", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = client_from_json(*body, Client{});
        if (!input) return ctx.problem(input.error());
        auto created = s.create(ctx.actor(), std::move(*input), policy_of(ctx));
        if (created) ctx.set_response_header("Location", "/api/v1/clients/" + std::to_string(created->id));
        reply(ctx, created, [](const Client& c) { return to_json(c); }, 201);
    });
    web.api(Method::Post, "/api/v1/clients/batch", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        if (!body->contains("clients") || !(*body)["clients"].is_array())
            return ctx.problem(Error::invalid_field("clients", "type", "Une liste « clients » est attendue.",
                                                    "A \"clients\" array is expected."));
        bool force = body->value("force", false);
        const auto& items = (*body)["clients"];
        std::vector<Client> inputs;
        std::vector<std::optional<Error>> parse_errors(items.size());
        inputs.reserve(items.size());
        // Items that can't even be read are answered "invalid" without reaching the service.
        std::vector<std::size_t> positions;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto c = items[i].is_object() ? client_from_json(items[i], Client{})
                                          : Result<Client>(fail(Error::invalid_field("", "type", "Objet attendu.", "Object expected.")));
            if (c) {
                inputs.push_back(std::move(*c));
                positions.push_back(i);
            } else {
                parse_errors[i] = c.error();
            }
        }
        auto results = s.create_batch(ctx.actor(), std::move(inputs), force ? DuplicatePolicy::CreateAnyway : DuplicatePolicy::Refuse);
        if (!results) return ctx.problem(results.error());
        json out = json::array();
        std::size_t next = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            json r{{"index", i}};
            const BatchResult* br = nullptr;
            if (!parse_errors[i] && next < positions.size() && positions[next] == i) br = &(*results)[next++];
            auto errors_json = [](const std::vector<FieldIssue>& fields) {
                json e = json::array();
                for (const auto& f : fields)
                    e.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message_en}, {"message_fr", f.message_fr}});
                return e;
            };
            if (parse_errors[i]) {
                r["status"] = "invalid";
                r["errors"] = errors_json(parse_errors[i]->fields);
            } else if (br) {
                r["status"] = br->status;
                if (br->id) r["id"] = br->id;
                if (!br->matches.empty()) r["matches"] = matches_json(br->matches);
                if (!br->errors.empty()) r["errors"] = errors_json(br->errors);
            }
            out.push_back(std::move(r));
        }
        ctx.send({{"results", out}});
    });
    web.api(Method::Post, "/api/v1/clients/duplicates", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto draft = client_from_json(*body, Client{});
        if (!draft) return ctx.problem(draft.error());
        reply(ctx, s.find_duplicates(ctx.actor(), std::move(*draft)),
              [](const std::vector<DuplicateMatch>& m) { return json{{"matches", matches_json(m)}}; });
    });
    web.api(Method::Get, R"(/api/v1/clients/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), [](const Client& c) { return to_json(c); });
    });
    web.api(Method::Patch, R"(/api/v1/clients/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.get(ctx.actor(), *id);
        if (!current) return ctx.problem(current.error());
        auto input = client_from_json(*body, *current);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update(ctx.actor(), *id, std::move(*input), policy_of(ctx)), [](const Client& c) { return to_json(c); });
    });
    for (auto [path, archived] : {std::pair{R"(/api/v1/clients/(\d+)/archive)", true},
                                  std::pair{R"(/api/v1/clients/(\d+)/restore)", false}}) {
        web.api(Method::Post, path, [&s, archived = archived](ApiContext& ctx) {
            auto id = ctx.path_id();
            if (!id) return ctx.problem(invalid_id());
            reply(ctx, s.set_archived(ctx.actor(), *id, archived), [](const Client& c) { return to_json(c); });
        });
    }
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/history)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.history(ctx.actor(), *id), [](const std::vector<audit::Entry>& entries) {
            json data = json::array();
            for (const auto& e : entries)
                data.push_back({{"id", e.id}, {"at", e.at}, {"user_id", e.user_id}, {"user_name", e.user_name},
                                {"action", e.action}, {"changes", e.changes}});
            return json{{"data", data}};
        });
    });
}

void register_contacts(http::WebServer& web, ClientService& s) {
    web.api(Method::Get, R"(/api/v1/clients/(\d+)/contacts)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get(ctx.actor(), *id), [](const Client& c) {
            json data = json::array();
            for (const auto& k : c.contacts) data.push_back(contact_json(k));
            return json{{"data", data}};
        });
    });
    web.api(Method::Post, R"(/api/v1/clients/(\d+)/contacts)", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto input = contact_from_json(*body, Contact{});
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.add_contact(ctx.actor(), *id, std::move(*input), policy_of(ctx)),
              [](const Contact& c) { return contact_json(c); }, 201);
    });
    web.api(Method::Get, R"(/api/v1/contacts/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        reply(ctx, s.get_contact(ctx.actor(), *id), [](const std::pair<std::int64_t, Contact>& p) {
            json j = contact_json(p.second);
            j["client_id"] = p.first;
            return j;
        });
    });
    web.api(Method::Patch, R"(/api/v1/contacts/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto current = s.get_contact(ctx.actor(), *id);
        if (!current) return ctx.problem(current.error());
        json patch = *body;
        patch.erase("client_id");
        auto input = contact_from_json(patch, current->second);
        if (!input) return ctx.problem(input.error());
        reply(ctx, s.update_contact(ctx.actor(), *id, std::move(*input), policy_of(ctx)),
              [](const Contact& c) { return contact_json(c); });
    });
    web.api(Method::Delete, R"(/api/v1/contacts/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto result = s.delete_contact(ctx.actor(), *id);
        if (!result) return ctx.problem(result.error());
        ctx.no_content();
    });
}

void register_categories(http::WebServer& web, ClientService& s) {
    web.api(Method::Get, "/api/v1/categories", [&s](ApiContext& ctx) {
        reply(ctx, s.categories(ctx.actor()), [](const std::vector<Category>& list) {
            json data = json::array();
            for (const auto& c : list) data.push_back(category_json(c));
            return json{{"data", data}};
        });
    });
    web.api(Method::Post, "/api/v1/categories", [&s](ApiContext& ctx) {
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto fields = category_fields(*body, nullptr);
        if (!fields) return ctx.problem(fields.error());
        reply(ctx, s.create_category(ctx.actor(), fields->first, fields->second),
              [](const Category& c) { return category_json(c); }, 201);
    });
    web.api(Method::Patch, R"(/api/v1/categories/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto body = ctx.body();
        if (!body) return ctx.problem(body.error());
        auto all = s.categories(ctx.actor());
        if (!all) return ctx.problem(all.error());
        auto it = std::find_if(all->begin(), all->end(), [&](const Category& c) { return c.id == *id; });
        if (it == all->end()) return ctx.problem(Error::not_found("Cette catégorie n'existe pas.", "This category does not exist."));
        auto fields = category_fields(*body, &*it);
        if (!fields) return ctx.problem(fields.error());
        reply(ctx, s.update_category(ctx.actor(), *id, fields->first, fields->second),
              [](const Category& c) { return category_json(c); });
    });
    web.api(Method::Delete, R"(/api/v1/categories/(\d+))", [&s](ApiContext& ctx) {
        auto id = ctx.path_id();
        if (!id) return ctx.problem(invalid_id());
        auto result = s.delete_category(ctx.actor(), *id);
        if (!result) return ctx.problem(result.error());
        ctx.no_content();
    });
}

}  // namespace

void register_client_api(http::WebServer& web, ClientService& service) {
    register_clients(web, service);
    register_contacts(web, service);
    register_categories(web, service);
}

}  // namespace comptoir::crm
