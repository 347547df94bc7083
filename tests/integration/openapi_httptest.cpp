// The OpenAPI document is a promise: every documented operation exists, every API route is documented,
// and real responses have the documented shape.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>
#include <set>

#include "tests/support/test_app.hpp"

namespace comptoir::testing {
namespace {

using nlohmann::json;

// "/api/v1/clients/{id}/contacts" -> the route regex style used by the server.
std::string to_route(const std::string& path) {
    return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), R"((\d+))");
}

// A small JSON Schema checker for what our document uses: type, required, properties,
// additionalProperties=false, items, enum, $ref, oneOf, allOf. Returns the first mismatch.
class SchemaChecker {
public:
    explicit SchemaChecker(const json& doc) : doc_(doc) {}

    std::string check(const json& value, const json& schema, const std::string& where) const {
        if (schema.contains("$ref")) {
            std::string ref = schema["$ref"];
            return check(value, doc_.at(json::json_pointer(ref.substr(1))), where);
        }
        if (schema.contains("allOf"))
            for (const auto& s : schema["allOf"])
                if (auto e = check(value, s, where); !e.empty()) return e;
        if (schema.contains("oneOf")) {
            int ok = 0;
            for (const auto& s : schema["oneOf"]) ok += check(value, s, where).empty() ? 1 : 0;
            if (ok != 1) return where + ": matches " + std::to_string(ok) + " oneOf alternatives";
        }
        if (schema.contains("type")) {
            std::vector<std::string> types;
            if (schema["type"].is_array()) types = schema["type"].get<std::vector<std::string>>();
            else types.push_back(schema["type"]);
            bool ok = false;
            for (const auto& t : types) ok = ok || has_type(value, t);
            if (!ok) return where + ": expected " + schema["type"].dump() + ", got " + value.dump().substr(0, 80);
        }
        if (schema.contains("enum")) {
            bool found = false;
            for (const auto& e : schema["enum"]) found = found || e == value;
            if (!found) return where + ": " + value.dump() + " not in enum";
        }
        if (value.is_object()) {
            for (const auto& r : schema.value("required", json::array()))
                if (!value.contains(r.get<std::string>())) return where + ": missing required " + r.get<std::string>();
            const json props = schema.value("properties", json::object());
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (props.contains(it.key())) {
                    if (auto e = check(it.value(), props[it.key()], where + "." + it.key()); !e.empty()) return e;
                } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
                    return where + ": undocumented property " + it.key();
                }
            }
        }
        if (value.is_array() && schema.contains("items"))
            for (std::size_t i = 0; i < value.size(); ++i)
                if (auto e = check(value[i], schema["items"], where + "[" + std::to_string(i) + "]"); !e.empty()) return e;
        return {};
    }

private:
    static bool has_type(const json& v, const std::string& t) {
        if (t == "object") return v.is_object();
        if (t == "array") return v.is_array();
        if (t == "string") return v.is_string();
        if (t == "integer") return v.is_number_integer();
        if (t == "number") return v.is_number();
        if (t == "boolean") return v.is_boolean();
        if (t == "null") return v.is_null();
        return false;
    }
    const json& doc_;
};

class OpenApi : public ::testing::TestWithParam<Backend> {};

TEST_P(OpenApi, DocumentsExactlyTheRoutesTheServerHas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto r = app.raw("GET", "/api/v1/openapi.json", "", {});
    ASSERT_EQ(r.status, 200);
    auto doc = r.json();
    ASSERT_FALSE(doc.is_discarded());
    EXPECT_EQ(doc["openapi"], "3.1.0");

    std::set<std::pair<std::string, std::string>> documented;
    for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path)
        for (auto op = path.value().begin(); op != path.value().end(); ++op)
            if (op.key() != "parameters") {
                std::string method = op.key();
                std::transform(method.begin(), method.end(), method.begin(), ::toupper);
                documented.insert({method, to_route(path.key())});
                EXPECT_TRUE(op.value().contains("responses")) << path.key();
                EXPECT_TRUE(op.value().contains("operationId")) << path.key();
            }
    std::set<std::pair<std::string, std::string>> served(app.app().web().api_routes().begin(),
                                                         app.app().web().api_routes().end());
    for (const auto& route : served)
        EXPECT_TRUE(documented.contains(route)) << "undocumented route: " << route.first << " " << route.second;
    for (const auto& op : documented)
        EXPECT_TRUE(served.contains(op)) << "documented but not served: " << op.first << " " << op.second;

    // Every $ref points somewhere.
    std::function<void(const json&)> walk = [&](const json& node) {
        if (node.is_object()) {
            if (node.contains("$ref")) {
                std::string ref = node["$ref"];
                EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << "dangling " << ref;
            }
            for (const auto& [k, v] : node.items()) walk(v);
        } else if (node.is_array()) {
            for (const auto& v : node) walk(v);
        }
    };
    walk(doc);
}

TEST_P(OpenApi, ResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status,
                         const std::string& type = "application/json") {
        return doc["paths"][path][method]["responses"][status]["content"][type]["schema"];
    };
    auto created = app.api("POST", "/api/v1/clients", company.admin_token,
                           json{{"legal_name", "Boulangerie Martin"},
                                {"phone", "06 12 34 56 78"},
                                {"contacts", json::array({{{"last_name", "Martin"}, {"emails", {"a@b.fr"}}}})}});
    ASSERT_EQ(created.status, 201);
    EXPECT_EQ(checker.check(created.json(), schema_of("/api/v1/clients", "post", "201"), "create"), "");
    auto id = std::to_string(created.json()["id"].get<int>());
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/clients?q=boul", company.admin_token).json(),
                            schema_of("/api/v1/clients", "get", "200"), "list"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/clients/" + id, company.admin_token).json(),
                            schema_of("/api/v1/clients/{id}", "get", "200"), "get"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/clients/" + id + "/history", company.admin_token).json(),
                            schema_of("/api/v1/clients/{id}/history", "get", "200"), "history"),
              "");
    auto dup = app.api("POST", "/api/v1/clients", company.admin_token, json{{"legal_name", "Autre"}, {"phone", "0612345678"}});
    ASSERT_EQ(dup.status, 409);
    EXPECT_EQ(checker.check(dup.json(), schema_of("/api/v1/clients", "post", "409", "application/problem+json"), "dup"), "");
    auto bad = app.api("POST", "/api/v1/clients", company.admin_token, json{{"siret", "1"}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(checker.check(bad.json(), doc["components"]["schemas"]["Problem"], "problem"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/categories", company.admin_token).json(),
                            schema_of("/api/v1/categories", "get", "200"), "categories"),
              "");

    auto quote = app.api("POST", "/api/v1/documents", company.admin_token,
                         json{{"type", "quote"},
                              {"client_id", created.json()["id"]},
                              {"lines", json::array({{{"description", "Pose"}, {"quantity", "2"}, {"unit_price", "40"},
                                                      {"unit_cost", "25"}}})}});
    ASSERT_EQ(quote.status, 201) << quote.body;
    EXPECT_EQ(checker.check(quote.json(), schema_of("/api/v1/documents", "post", "201"), "document"), "");
    auto doc_id = std::to_string(quote.json()["id"].get<int>());
    auto validated = app.api("POST", "/api/v1/documents/" + doc_id + "/validate", company.admin_token, json::object());
    EXPECT_EQ(checker.check(validated.json(), schema_of("/api/v1/documents/{id}/validate", "post", "200"), "validated"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/documents", company.admin_token).json(),
                            schema_of("/api/v1/documents", "get", "200"), "documents"),
              "");
}

TEST_P(OpenApi, CatalogResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    auto reader = app.add_user(company, "lecture@acme.test", "read_only");
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status,
                         const std::string& type = "application/json") {
        return doc["paths"][path][method]["responses"][status]["content"][type]["schema"];
    };
    const std::string items = "/api/v1/catalog/items", one = "/api/v1/catalog/items/{id}";
    auto created = app.api("POST", items, company.admin_token,
                           json{{"reference", "PLB-001"}, {"label", "Chauffe-eau"}, {"unit_price", "459.90"},
                                {"cost_price", "312.5"}, {"category", "Fournitures"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(checker.check(created.json(), schema_of(items, "post", "201"), "create"), "");
    auto exempt = app.api("POST", items, company.admin_token,
                          json{{"reference", "FORM-1"}, {"label", "Formation"}, {"unit_price", "900"}, {"kind", "service"},
                               {"vat", {{"exemption", "general_interest"}}}});
    ASSERT_EQ(exempt.status, 201) << exempt.body;
    EXPECT_EQ(checker.check(exempt.json(), schema_of(items, "post", "201"), "create exempt"), "");
    auto path = items + "/" + std::to_string(created.json()["id"].get<std::int64_t>());
    EXPECT_EQ(checker.check(app.api("GET", items + "?q=plb", company.admin_token).json(), schema_of(items, "get", "200"), "list"), "");
    EXPECT_EQ(checker.check(app.api("GET", items, reader).json(), schema_of(items, "get", "200"), "list (no costs)"), "");
    EXPECT_EQ(checker.check(app.api("GET", path, reader).json(), schema_of(one, "get", "200"), "get (no costs)"), "");
    auto patched = app.api("PATCH", path, company.admin_token, json{{"cost_price", nullptr}});
    EXPECT_EQ(checker.check(patched.json(), schema_of(one, "patch", "200"), "patch"), "");
    auto off = app.api("POST", path + "/deactivate", company.admin_token);
    EXPECT_EQ(checker.check(off.json(), schema_of(items + "/{id}/deactivate", "post", "200"), "deactivate"), "");
    auto dup = app.api("POST", items, company.admin_token, json{{"reference", "plb-001"}, {"label", "X"}, {"unit_price", "1"}});
    ASSERT_EQ(dup.status, 409);
    EXPECT_EQ(checker.check(dup.json(), schema_of(items, "post", "409", "application/problem+json"), "dup"), "");
    auto bad = app.api("POST", items, company.admin_token, json{{"reference", ""}, {"unit_price", "-1"}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(checker.check(bad.json(), doc["components"]["schemas"]["Problem"], "problem"), "");
}

TEST_P(OpenApi, PaymentResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    app.identify_company(company);
    const auto& token = company.admin_token;
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status) {
        return doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    };
    auto client = app.api("POST", "/api/v1/clients", token, json{{"legal_name", "Boulangerie Martin"}, {"siren", "732829320"}});
    ASSERT_EQ(client.status, 201) << client.body;
    auto client_id = client.json()["id"];
    auto invoice = app.api("POST", "/api/v1/documents", token,
                           json{{"type", "invoice"}, {"client_id", client_id},
                                {"lines", json::array({{{"description", "Pose"}, {"unit_price", "100"}}})}});
    ASSERT_EQ(invoice.status, 201) << invoice.body;
    auto invoice_id = std::to_string(invoice.json()["id"].get<int>());
    ASSERT_EQ(app.api("POST", "/api/v1/documents/" + invoice_id + "/validate", token, json::object()).status, 200);
    auto paid = app.api("POST", "/api/v1/payments", token,
                        json{{"client_id", client_id}, {"amount", "200"}, {"method", "cheque"},
                             {"allocations", json::array({{{"document_id", invoice.json()["id"]}, {"amount", "50"}}})}});
    ASSERT_EQ(paid.status, 201) << paid.body;
    EXPECT_EQ(checker.check(paid.json(), schema_of("/api/v1/payments", "post", "201"), "payment"), "");
    auto id = std::to_string(paid.json()["id"].get<int>());
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/payments/" + id, token).json(),
                            schema_of("/api/v1/payments/{id}", "get", "200"), "get payment"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/documents", token).json(), schema_of("/api/v1/documents", "get", "200"),
                            "partially paid documents"),
              "");
    auto cancelled = app.api("POST", "/api/v1/payments/" + id + "/cancel", token, json{{"reason", "Erreur"}});
    EXPECT_EQ(checker.check(cancelled.json(), schema_of("/api/v1/payments/{id}/cancel", "post", "200"), "cancelled"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/payments", token).json(), schema_of("/api/v1/payments", "get", "200"),
                            "payments"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/clients/" + client_id.dump() + "/balance", token).json(),
                            schema_of("/api/v1/clients/{id}/balance", "get", "200"), "balance"),
              "");
}

TEST_P(OpenApi, DashboardResponseMatchesItsSchema) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    app.identify_company(company);
    const auto& token = company.admin_token;
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    const auto schema = doc["paths"]["/api/v1/dashboard"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/dashboard", token).json(), schema, "empty dashboard"), "");
    auto client = app.api("POST", "/api/v1/clients", token, json{{"legal_name", "Boulangerie Martin"}, {"siren", "732829320"}});
    ASSERT_EQ(client.status, 201) << client.body;
    auto invoice = app.api("POST", "/api/v1/documents", token,
                           json{{"type", "invoice"}, {"client_id", client.json()["id"]},
                                {"lines", json::array({{{"description", "Pose"}, {"unit_price", "100"}}})}});
    ASSERT_EQ(invoice.status, 201) << invoice.body;
    auto invoice_id = std::to_string(invoice.json()["id"].get<int>());
    ASSERT_EQ(app.api("POST", "/api/v1/documents/" + invoice_id + "/validate", token, json::object()).status, 200);
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/dashboard?period=this_year", token).json(), schema, "dashboard"), "");
    auto bad = app.api("GET", "/api/v1/dashboard?from=2026-13-01&to=2026-01-01", token);
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(checker.check(bad.json(), doc["components"]["schemas"]["Problem"], "problem"), "");
}

TEST_P(OpenApi, MailResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    app.identify_company(company);
    const auto& token = company.admin_token;
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status) {
        return doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    };
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/mail/settings", token).json(),
                            schema_of("/api/v1/mail/settings", "get", "200"), "settings"),
              "");
    // A port nobody listens on: sends fail, and are recorded all the same.
    auto settings = app.api("PUT", "/api/v1/mail/settings", token,
                            json{{"host", "127.0.0.1"}, {"port", 1}, {"security", "none"}, {"from_address", "f@acme.test"},
                                 {"password", "x"}});
    ASSERT_EQ(settings.status, 200) << settings.body;
    EXPECT_EQ(checker.check(settings.json(), schema_of("/api/v1/mail/settings", "put", "200"), "put settings"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/mail/templates", token).json(),
                            schema_of("/api/v1/mail/templates", "get", "200"), "templates"),
              "");
    EXPECT_EQ(checker.check(app.api("POST", "/api/v1/mail/test", token, json::object()).json(),
                            schema_of("/api/v1/mail/test", "post", "200"), "test email"),
              "");
    auto client = app.api("POST", "/api/v1/clients", token, json{{"legal_name", "Martin"}, {"siren", "732829320"}, {"email", "martin@client.test"}});
    ASSERT_EQ(client.status, 201) << client.body;
    auto invoice = app.api("POST", "/api/v1/documents", token,
                           json{{"type", "invoice"}, {"client_id", client.json()["id"]}, {"issue_date", "2025-01-10"},
                                {"due_date", "2025-02-10"}, {"lines", json::array({{{"description", "Pose"}, {"unit_price", "100"}}})}});
    ASSERT_EQ(invoice.status, 201) << invoice.body;
    const std::string id = std::to_string(invoice.json()["id"].get<int>());
    ASSERT_EQ(app.api("POST", "/api/v1/documents/" + id + "/validate", token, json::object()).status, 200);
    auto sent = app.api("POST", "/api/v1/documents/" + id + "/emails", token, json{{"recipients", {"martin@client.test"}}});
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(checker.check(sent.json(), schema_of("/api/v1/documents/{id}/emails", "post", "201"), "send"), "");
    const std::string email = std::to_string(sent.json()["id"].get<int>());
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/emails/" + email, token).json(),
                            schema_of("/api/v1/emails/{id}", "get", "200"), "email"),
              "");
    EXPECT_EQ(checker.check(app.api("POST", "/api/v1/emails/" + email + "/retry", token, json::object()).json(),
                            schema_of("/api/v1/emails/{id}/retry", "post", "201"), "retry"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/reminders", token).json(), schema_of("/api/v1/reminders", "get", "200"),
                            "reminders"),
              "");
    EXPECT_EQ(checker.check(app.api("POST", "/api/v1/reminders", token, json{{"document_ids", {invoice.json()["id"]}}, {"level", 1}})
                                .json(),
                            schema_of("/api/v1/reminders", "post", "200"), "send reminders"),
              "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/emails", token).json(), schema_of("/api/v1/emails", "get", "200"), "emails"),
              "");
}

TEST_P(OpenApi, ClientImportResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    app.identify_company(company);
    const auto& token = company.admin_token;
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status,
                         const std::string& type = "application/json") {
        return doc["paths"][path][method]["responses"][status]["content"][type]["schema"];
    };
    const std::string base = "/api/v1/client-imports", one = "/api/v1/client-imports/{id}";
    auto uploaded = app.raw("POST", base + "?file_name=clients.csv",
                            "Raison sociale;Téléphone;SIRET\nBoulangerie Martin;01 42 68 53 00;\nFaux;;123\n"
                            "Martin bis;+33 1 42 68 53 00;\n",
                            {{"Authorization", "Bearer " + token}, {"Content-Type", "text/csv"}});
    ASSERT_EQ(uploaded.status, 201) << uploaded.body;
    EXPECT_EQ(checker.check(uploaded.json(), schema_of(base, "post", "201"), "upload"), "");
    auto id = std::to_string(uploaded.json()["id"].get<int>());
    const std::string path = base + "/" + id;
    EXPECT_EQ(checker.check(app.api("GET", base, token).json(), schema_of(base, "get", "200"), "list"), "");
    EXPECT_EQ(checker.check(app.api("GET", path + "/mapping", token).json(), schema_of(one + "/mapping", "get", "200"),
                            "mapping"),
              "");
    auto put = app.api("PUT", path + "/mapping", token, json{{"fields", {"legal_name", "phone", "siret"}}, {"policy", "skip"}});
    EXPECT_EQ(checker.check(put.json(), schema_of(one + "/mapping", "put", "200"), "set mapping"), "");
    auto bad = app.api("PUT", path + "/mapping", token, json{{"fields", {"phone", "phone", nullptr}}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(checker.check(bad.json(), doc["components"]["schemas"]["Problem"], "mapping problem"), "");
    EXPECT_EQ(checker.check(app.api("GET", path + "/preview", token).json(), schema_of(one + "/preview", "get", "200"),
                            "preview"),
              "");
    auto started = app.api("POST", path + "/run", token, json::object());
    ASSERT_EQ(started.status, 202) << started.body;
    EXPECT_EQ(checker.check(started.json(), schema_of(one + "/run", "post", "202"), "run"), "");
    json job;
    for (int i = 0; i < 200; ++i) {
        job = app.api("GET", path, token).json();
        if (job["status"] == "done") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(checker.check(job, schema_of(one, "get", "200"), "job"), "");
    EXPECT_EQ(checker.check(app.api("GET", path + "/report", token).json(), schema_of(one + "/report", "get", "200"),
                            "report"),
              "");
    auto created = app.api("GET", path + "/report?outcome=created", token).json()["data"][0]["client_id"];
    ASSERT_EQ(app.api("POST", "/api/v1/documents", token,
                      json{{"type", "quote"}, {"client_id", created},
                           {"lines", json::array({{{"description", "Pose"}, {"unit_price", "40"}}})}})
                  .status,
              201);
    auto refused = app.api("POST", path + "/undo", token, json::object());
    ASSERT_EQ(refused.status, 409);
    EXPECT_EQ(checker.check(refused.json(), doc["components"]["schemas"]["Problem"], "undo refused"), "");
    auto exported = app.api("GET", "/api/v1/clients/export?format=csv", token);
    EXPECT_EQ(exported.status, 200);
    EXPECT_TRUE(doc["paths"]["/api/v1/clients/export"]["get"]["responses"]["200"]["content"].contains("text/csv"));
}

TEST_P(OpenApi, GdprResponsesMatchTheirSchemas) {
    SKIP_UNLESS_AVAILABLE(GetParam());
    TestApp app(GetParam());
    auto company = app.create_company("Acme", "admin@acme.test");
    const auto& token = company.admin_token;
    auto doc = app.raw("GET", "/api/v1/openapi.json", "", {}).json();
    SchemaChecker checker(doc);
    auto schema_of = [&](const std::string& path, const std::string& method, const std::string& status = "200") {
        return doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    };
    auto client = app.api("POST", "/api/v1/clients", token,
                          json{{"legal_name", "Boulangerie Martin"}, {"email", "contact@martin.test"},
                               {"email_consent", {{"granted", true}, {"source", "Salon"}, {"legal_basis", "consent"}}},
                               {"contacts", json::array({{{"last_name", "Martin"}, {"emails", {"paul@martin.test"}}}})}});
    ASSERT_EQ(client.status, 201) << client.body;
    const std::string id = std::to_string(client.json()["id"].get<std::int64_t>());
    const std::string contact = std::to_string(client.json()["contacts"][0]["id"].get<std::int64_t>());
    const std::string base = "/api/v1/clients/" + id;
    EXPECT_EQ(checker.check(app.api("GET", base + "/personal-data", token).json(),
                            schema_of("/api/v1/clients/{id}/personal-data", "get"), "export"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/contacts/" + contact + "/personal-data", token).json(),
                            schema_of("/api/v1/contacts/{id}/personal-data", "get"), "contact export"), "");
    EXPECT_EQ(checker.check(app.api("GET", base + "/consents", token).json(), schema_of("/api/v1/clients/{id}/consents", "get"),
                            "consents"), "");
    EXPECT_EQ(checker.check(app.api("POST", base + "/rectifications", token, json{{"reason", "Courriel du 3 mars"}}).json(),
                            schema_of("/api/v1/clients/{id}/rectifications", "post", "201"), "rectification"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/gdpr/retention", token).json(), schema_of("/api/v1/gdpr/retention", "get"),
                            "retention"), "");
    EXPECT_EQ(checker.check(app.api("PUT", "/api/v1/gdpr/retention", token, json{{"years", 2}}).json(),
                            schema_of("/api/v1/gdpr/retention", "put"), "retention set"), "");
    EXPECT_EQ(checker.check(app.api("GET", "/api/v1/gdpr/register", token).json(), schema_of("/api/v1/gdpr/register", "get"),
                            "register"), "");
    EXPECT_EQ(checker.check(app.api("PATCH", "/api/v1/gdpr/register", token, json{{"key", "clients"}, {"purposes", "Fichier"}}).json(),
                            schema_of("/api/v1/gdpr/register", "patch"), "register edit"), "");
    auto bad = app.api("POST", base + "/anonymise", token, json{{"reason", "Demande"}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(checker.check(bad.json(), doc["components"]["schemas"]["Problem"], "problem"), "");
    const json confirm = {{"confirm", true}, {"reason", "Demande d'effacement"}};
    EXPECT_EQ(checker.check(app.api("POST", "/api/v1/contacts/" + contact + "/anonymise", token, confirm).json(),
                            schema_of("/api/v1/contacts/{id}/anonymise", "post"), "contact erasure"), "");
    EXPECT_EQ(checker.check(app.api("POST", base + "/anonymise", token, confirm).json(),
                            schema_of("/api/v1/clients/{id}/anonymise", "post"), "erasure"), "");
    EXPECT_EQ(checker.check(app.api("POST", "/api/v1/gdpr/retention/anonymise", token,
                                    json{{"client_ids", json::array()}, {"confirm", true}, {"reason", "Revue"}})
                                .json(),
                            doc["components"]["schemas"]["Problem"], "retention problem"),
              "");
}
INSTANTIATE_TEST_SUITE_P(Backends, OpenApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace comptoir::testing
