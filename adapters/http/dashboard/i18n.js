// Every string the page shows, one table per language; Vietnamese first, as the committees read it.
const STRINGS = {
  vi: {
    skip: 'Bỏ qua, đến nội dung', board: 'Bảng sự kiện', workflows: 'Quy trình', deliveries: 'Gửi thông báo',
    language: 'English', sign_in: 'Đăng nhập', sign_out: 'Đăng xuất', token: 'Mã truy cập (API token)',
    token_help: 'Mã do quản trị viên tạo bằng lệnh: seminarflow tokens create --role admin --name TÊN',
    token_refused: 'Mã không hợp lệ hoặc đã bị thu hồi.', loading: 'Đang tải…', error: 'Lỗi',
    seminar: 'Hội thảo, tọa đàm', contest: 'Hội thi', programme: 'Chương trình',
    nothing: 'Không có', late: 'Chậm', contributions_missing: (n, due) => `${n} tham luận chưa nộp (hạn ${due})`,
    directives_overdue: (n) => `${n} chỉ đạo quá hạn`, deliveries_failing: (n) => `${n} thông báo gửi lỗi`,
    more: 'Tải thêm', state: 'Trạng thái', stages: 'Các bước', actions: 'Thao tác', no_actions: 'Vai trò của bạn không có thao tác nào lúc này.',
    timeline: 'Diễn biến', participants: 'Thành phần tham dự', rsvp: 'Xác nhận', contributions: 'Tham luận theo đơn vị',
    proposals: 'Kiến nghị và trả lời', conclusion: 'Kết luận', directives: 'Chỉ đạo thực hiện', rewards: 'Khen thưởng',
    seminars: 'Các hội thảo', budget_used: 'Kinh phí đã dùng', of_budget: 'trên dự toán', unit: 'Đơn vị', title: 'Tên',
    due: 'Hạn', answer: 'Trả lời', amount: 'Số tiền', recipient: 'Đơn vị/cá nhân', role: 'Vai trò', name: 'Tên',
    starts: 'Bắt đầu', venue: 'Địa điểm', chair: 'Chủ trì', send: 'Gửi', cancel: 'Đóng', sent: 'Đã ghi nhận.',
    diagram: 'Sơ đồ quy trình', current: 'Trạng thái hiện tại', by: 'bởi', at: 'lúc', created: 'khởi tạo',
    endpoint: 'Điểm nhận', status: 'Tình trạng', all: 'Tất cả', attempts: 'Lần gửi', retry: 'Gửi lại',
    retried: 'Đã xếp lịch gửi lại.', type: 'Loại', when: 'Thời điểm', details: 'Chi tiết', none_yet: 'Chưa có gì.',
    no_endpoints: 'Không xem được điểm nhận (cần quyền admin); dưới đây là mọi thông báo.', open: 'Mở',
    list_hint: 'cách nhau bằng dấu phẩy', json_hint: 'JSON', parent: 'Thuộc', children: 'Việc con',
    summary: 'Số liệu', presented: 'đã trình bày', answered: 'đã trả lời', forwarded: 'đã chuyển', open_count: 'còn mở',
    done: 'hoàn thành', carried: 'chuyển năm sau', not_found: 'Không tìm thấy trang này.', back: 'Về bảng sự kiện',
    who: (name, role) => `${name} (${role})`, show_all: (n) => `Xem cả ${n} mục`,
    contestants: 'Thí sinh và kết quả', number: 'Số báo danh', region: 'Vùng', round_place: 'Xếp hạng vòng vùng',
    final_place: 'Xếp hạng chung kết', advanced: 'vào chung kết', registrations: 'Thí sinh đăng ký',
    rounds_closed: 'Vùng đã thi xong', finalists: 'Vào chung kết', scores: 'Điểm đã chấm',
  },
  en: {
    skip: 'Skip to content', board: 'Board', workflows: 'Workflows', deliveries: 'Deliveries',
    language: 'Tiếng Việt', sign_in: 'Sign in', sign_out: 'Sign out', token: 'API token',
    token_help: 'An administrator makes one with: seminarflow tokens create --role admin --name NAME',
    token_refused: 'That token is not valid, or it was revoked.', loading: 'Loading…', error: 'Error',
    seminar: 'Seminars and round-tables', contest: 'Contests', programme: 'Programmes',
    nothing: 'None', late: 'Late', contributions_missing: (n, due) => `${n} contribution(s) not submitted (due ${due})`,
    directives_overdue: (n) => `${n} directive(s) overdue`, deliveries_failing: (n) => `${n} notification(s) failing`,
    more: 'Load more', state: 'State', stages: 'Stages', actions: 'Actions', no_actions: 'Your role has nothing to send here now.',
    timeline: 'Timeline', participants: 'Participants', rsvp: 'RSVP', contributions: 'Contributions by unit',
    proposals: 'Proposals and answers', conclusion: 'Conclusion', directives: 'Directives', rewards: 'Rewards',
    seminars: 'Seminars', budget_used: 'Budget used', of_budget: 'of budget', unit: 'Unit', title: 'Title',
    due: 'Due', answer: 'Answer', amount: 'Amount', recipient: 'Recipient', role: 'Role', name: 'Name',
    starts: 'Starts', venue: 'Venue', chair: 'Chair', send: 'Send', cancel: 'Close', sent: 'Recorded.',
    diagram: 'Workflow diagram', current: 'Current state', by: 'by', at: 'at', created: 'created',
    endpoint: 'Endpoint', status: 'Status', all: 'All', attempts: 'Attempts', retry: 'Retry',
    retried: 'Scheduled again.', type: 'Type', when: 'When', details: 'Details', none_yet: 'Nothing yet.',
    no_endpoints: 'Endpoints are for admin tokens; here is every notification.', open: 'Open',
    list_hint: 'separated by commas', json_hint: 'JSON', parent: 'Part of', children: 'Child tasks',
    summary: 'Figures', presented: 'presented', answered: 'answered', forwarded: 'forwarded', open_count: 'open',
    done: 'done', carried: 'carried over', not_found: 'There is no such page.', back: 'Back to the board',
    who: (name, role) => `${name} (${role})`, show_all: (n) => `Show all ${n} entries`,
    contestants: 'Contestants and results', number: 'Number', region: 'Region', round_place: 'Regional round place',
    final_place: 'Final place', advanced: 'to the final', registrations: 'Contestants registered',
    rounds_closed: 'Regions done', finalists: 'Finalists', scores: 'Scores recorded',
  },
};

const LANGUAGE_KEY = 'seminarflow.language';
let language = localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';

export const current_language = () => language;

export function switch_language() {
  language = language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

// The string `key` in the current language; a function entry is called with `args`.
export function t(key, ...args) {
  const entry = STRINGS[language][key] ?? STRINGS.vi[key] ?? key;
  return typeof entry === 'function' ? entry(...args) : entry;
}

export const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';
const locale = () => (language === 'vi' ? 'vi-VN' : 'en-GB');

// An RFC 3339 time on the wall clock of `zone` (the event's), e.g. "08:00 24/10/2016 GMT+7".
export function format_time(value, zone = DEFAULT_ZONE) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
                    timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone || DEFAULT_ZONE }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: DEFAULT_ZONE }).format(date);
  }
}

export function format_vnd(amount) {
  if (amount === undefined || amount === null) return '';
  return new Intl.NumberFormat(locale()).format(amount) + ' ₫';
}
