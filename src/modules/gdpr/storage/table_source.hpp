// A PersonalDataSource described by data: a table of another module whose rows belong to a client,
// what to export, what to overwrite on erasure and which column dates its activity. The app
// registers one per table (mail_sends, payments, documents, duplicate_groups...), so those modules
// need no code of their own and gdpr needs no dependency on them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "modules/gdpr/model/personal_data_source.hpp"

namespace comptoir::gdpr {

struct TableSpec {
    std::string key;       // section key: "mail.sends"
    std::string label_fr;
    std::string label_en;
    std::string table;     // identifier (lower-case letters, digits, underscores)
    // The rows of one client: a condition with two placeholders, company id then client id.
    std::string client_filter = "company_id = ? AND client_id = ?";
    std::vector<std::string> export_columns;  // none: nothing exported (erasure only)
    // Columns whose text is searched for a contact's e-mails when the request is about one contact
    // (rows of the client that mention them); none: the table says nothing about contacts.
    std::vector<std::string> contact_columns;
    // On erasure: column -> new value ("{neutral}" is replaced by the neutral name). With
    // `scrub_condition`, only the rows that also match it (e.g. drafts, not issued documents).
    std::vector<std::pair<std::string, std::string>> scrub;
    std::string scrub_condition;
    // Text columns where the person's identifiers are replaced by the neutral name on erasure,
    // in the client's rows (free text that may quote them: notes, subjects, bodies).
    std::vector<std::string> scrub_identifiers_in;
    // A column dating activity for the retention rule ("" : none); `client_column` groups by client.
    std::string activity_column;
    std::string client_column = "client_id";
};

class TableSource : public PersonalDataSource {
public:
    // Throws std::invalid_argument when a table or column name is not a plain identifier.
    explicit TableSource(TableSpec spec);
    std::vector<Section> collect(store::Connection& conn, const Person& person) override;
    void anonymise(store::Connection& conn, const Person& person) override;
    std::map<std::int64_t, std::string> last_activity(store::Connection& conn, std::int64_t company_id) override;

private:
    TableSpec spec_;
};

// Rows of `sql` as JSON objects named after `columns` (integers stay numbers, text stays text).
nlohmann::json rows_json(store::Connection& conn, const std::string& sql, const std::vector<store::Value>& params,
                         const std::vector<std::string>& columns);

// In `table`'s `column`, replaces each of `needles` by `replacement` in the rows matching `filter`
// (a condition with its own parameters). Case-sensitive, as stored.
void replace_text(store::Connection& conn, const std::string& table, const std::string& column, const std::string& filter,
                  const std::vector<store::Value>& filter_params, const std::vector<std::string>& needles,
                  const std::string& replacement);

bool is_identifier(const std::string& name);

}  // namespace comptoir::gdpr
