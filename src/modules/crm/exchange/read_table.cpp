#include "modules/crm/exchange/csv.hpp"
#include "modules/crm/exchange/table.hpp"
#include "modules/crm/exchange/xlsx_reader.hpp"

namespace comptoir::crm::exchange {

Result<Table> read_table(std::string_view bytes, const ReadLimits& limits) {
    if (bytes.empty())
        return fail(Error::invalid_field("file", "file.empty", "Le fichier est vide.", "The file is empty."));
    if (bytes.starts_with("\xD0\xCF\x11\xE0"))  // OLE2 compound file: Excel 97-2003
        return fail(Error::invalid_field("file", "file.xls_unsupported",
                                         "Les classeurs Excel 97-2003 (.xls) ne sont pas lus : enregistrez-le au format "
                                         "XLSX ou CSV.",
                                         "Excel 97-2003 workbooks (.xls) are not read: save it as XLSX or CSV."));
    if (looks_like_zip(bytes)) return read_xlsx(bytes, limits);
    return read_csv(bytes, limits);
}

}  // namespace comptoir::crm::exchange
