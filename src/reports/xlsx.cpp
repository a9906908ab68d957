// XLSX through libxlsxwriter. Data cells go through worksheet_write_string and
// worksheet_write_number only, never worksheet_write_formula, so a string that
// starts with "=" is stored as text and Excel or WPS never evaluates it.
#include <xlsxwriter.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>

#include "reports/excel_rules.h"
#include "reports/report.h"
#include "reports/temp_file.h"

namespace craftlink::reports {
namespace {

namespace fs = std::filesystem;
using internal::XlsxText;

constexpr lxw_color_t kHeaderFill = 0xDDEBF7;  // Excel's pale blue table header

Status Check(lxw_error error, const std::string& what) {
  if (error == LXW_NO_ERROR) return Status::Ok();
  // Inputs are checked before writing, so what is left is the disk or a bug.
  const ErrorCode code = error == LXW_ERROR_CREATING_XLSX_FILE || error == LXW_ERROR_CREATING_TMPFILE ||
                                 error == LXW_ERROR_READING_TMPFILE || error == LXW_ERROR_ZIP_FILE_OPERATION ||
                                 error == LXW_ERROR_ZIP_FILE_ADD || error == LXW_ERROR_ZIP_CLOSE
                             ? ErrorCode::kIoError
                             : ErrorCode::kInternal;
  return Status(code, "写出 XLSX 失败 (libxlsxwriter): " + what + ": " + lxw_strerror(error));
}

// The formats of one workbook, made once each; libxlsxwriter owns them.
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {
    title_ = workbook_add_format(workbook);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);

    header_ = workbook_add_format(workbook);
    format_set_bold(header_);
    format_set_bg_color(header_, kHeaderFill);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);

    // Without wrapping, Excel shows a multi-line cell as one run-on line.
    wrapped_ = workbook_add_format(workbook);
    format_set_text_wrap(wrapped_);
    format_set_align(wrapped_, LXW_ALIGN_VERTICAL_TOP);
  }

  lxw_format* title() const { return title_; }
  lxw_format* header() const { return header_; }
  lxw_format* wrapped() const { return wrapped_; }

  // nullptr (General) for an empty code.
  lxw_format* Number(const std::string& code) {
    if (code.empty()) return nullptr;
    auto [it, inserted] = numbers_.try_emplace(code, nullptr);
    if (inserted) {
      it->second = workbook_add_format(workbook_);
      format_set_num_format(it->second, code.c_str());
    }
    return it->second;
  }

 private:
  lxw_workbook* workbook_;
  lxw_format* title_;
  lxw_format* header_;
  lxw_format* wrapped_;
  std::map<std::string, lxw_format*> numbers_;
};

Status WriteText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
  if (text.empty() && format == nullptr) return Status::Ok();
  return Check(worksheet_write_string(sheet, row, col, XlsxText(text).c_str(), format), "write_string");
}

Status WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell, lxw_format* number,
                 Formats& formats) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    const bool multiline = text->find('\n') != std::string::npos;
    return WriteText(sheet, row, col, *text, multiline ? formats.wrapped() : nullptr);
  }
  if (const auto* integer = std::get_if<int64_t>(&cell)) {
    if (!internal::FitsExcelNumber(*integer)) return WriteText(sheet, row, col, std::to_string(*integer), nullptr);
    return Check(worksheet_write_number(sheet, row, col, static_cast<double>(*integer), number), "write_number");
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    // libxlsxwriter would write "NAN" or "INF" into <v>, which Excel calls corrupt.
    if (!std::isfinite(*real)) return Status::Ok();
    return Check(worksheet_write_number(sheet, row, col, *real, number), "write_number");
  }
  return Status::Ok();
}

// The title row, merged across the table so it reads as a caption.
Status WriteTitle(lxw_worksheet* sheet, const Sheet& data, Formats& formats) {
  CRAFTLINK_RETURN_IF_ERROR(Check(worksheet_set_row(sheet, 0, 24, nullptr), "set_row"));
  if (data.columns.size() < 2) return WriteText(sheet, 0, 0, data.title, formats.title());
  const auto last = static_cast<lxw_col_t>(data.columns.size() - 1);
  return Check(worksheet_merge_range(sheet, 0, 0, 0, last, XlsxText(data.title).c_str(), formats.title()),
               "merge_range");
}

Status WriteSheet(lxw_workbook* workbook, Formats& formats, const Sheet& data, const std::string& name) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) return Status::Internal("libxlsxwriter 拒绝了工作表名 (sheet name refused): " + name);
  const lxw_row_t header_row = data.title.empty() ? 0 : 1;
  if (!data.title.empty()) CRAFTLINK_RETURN_IF_ERROR(WriteTitle(sheet, data, formats));

  const std::vector<double> widths = internal::ColumnWidths(data);
  std::vector<lxw_format*> numbers(data.columns.size());
  for (size_t c = 0; c < data.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    numbers[c] = formats.Number(data.columns[c].number_format);
    CRAFTLINK_RETURN_IF_ERROR(Check(worksheet_set_column(sheet, col, col, widths[c], nullptr), "set_column"));
    CRAFTLINK_RETURN_IF_ERROR(WriteText(sheet, header_row, col, data.columns[c].header, formats.header()));
  }
  for (size_t r = 0; r < data.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(header_row + 1 + r);
    for (size_t c = 0; c < data.rows[r].size(); ++c) {
      CRAFTLINK_RETURN_IF_ERROR(WriteCell(sheet, row, static_cast<lxw_col_t>(c), data.rows[r][c], numbers[c], formats));
    }
  }
  if (data.columns.empty()) return Status::Ok();
  // The header stays in view while scrolling, with filter buttons on it.
  worksheet_freeze_panes(sheet, header_row + 1, 0);
  const auto last_row = static_cast<lxw_row_t>(header_row + data.rows.size());
  const auto last_col = static_cast<lxw_col_t>(data.columns.size() - 1);
  return Check(worksheet_autofilter(sheet, header_row, 0, last_row, last_col), "autofilter");
}

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};

// Writes `data` to the existing file at `file`, replacing its contents.
// `data` must already have passed CheckLimits.
Status WriteWorkbookTo(const Workbook& data, const fs::path& file) {
  std::unique_ptr<lxw_workbook, WorkbookFree> workbook(workbook_new(file.c_str()));
  if (!workbook) return Status::Internal("libxlsxwriter 无法创建工作簿 (workbook_new failed)");
  Formats formats(workbook.get());
  const std::vector<std::string> names = SheetNames(data);
  for (size_t s = 0; s < data.sheets.size(); ++s) {
    CRAFTLINK_RETURN_IF_ERROR(WriteSheet(workbook.get(), formats, data.sheets[s], names[s]));
  }
  // workbook_close writes the file and frees the workbook whatever it returns.
  return Check(workbook_close(workbook.release()), file.string());
}

}  // namespace

std::vector<std::string> SheetNames(const Workbook& workbook) {
  std::vector<std::string> wanted;
  wanted.reserve(workbook.sheets.size());
  for (const Sheet& sheet : workbook.sheets) wanted.push_back(sheet.name);
  return internal::SanitiseSheetNames(wanted);
}

Status WriteXlsx(const Workbook& workbook, const fs::path& path) {
  CRAFTLINK_RETURN_IF_ERROR(internal::CheckLimits(workbook));
  Result<internal::TempFile> temp = internal::TempFile::Beside(path);
  if (!temp.ok()) return temp.status();
  CRAFTLINK_RETURN_IF_ERROR(WriteWorkbookTo(workbook, temp->path()));
  return temp->Commit(path);
}

Result<std::string> XlsxBytes(const Workbook& workbook) {
  CRAFTLINK_RETURN_IF_ERROR(internal::CheckLimits(workbook));
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) return Status::IoError("找不到临时目录 (no temporary directory): " + ec.message());
  Result<internal::TempFile> temp = internal::TempFile::Create(dir, "craftlink-report.xlsx");
  if (!temp.ok()) return temp.status();
  CRAFTLINK_RETURN_IF_ERROR(WriteWorkbookTo(workbook, temp->path()));
  return internal::ReadBytes(temp->path());
}

}  // namespace craftlink::reports
