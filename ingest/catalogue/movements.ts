import type { Assignment } from './vocabulary.ts';

/**
 * The 20 movements of Section III of the plan, in its order. `parts` lists the
 * sub-movements where the plan names two under one number; `shortName` is what charts show.
 */
export interface Movement {
  no: number;
  name: string;
  shortName: string;
  parts: string[];
  leadAgency: string; // agency code, see agencies.ts
  assignment: Assignment;
}

export const MOVEMENTS: readonly Movement[] = [
  { no: 1, name: 'Học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', shortName: 'Học tập và làm theo Bác', parts: [], leadAgency: 'BTGTU', assignment: 'de_nghi' },
  { no: 2, name: 'Xây dựng Đảng trong sạch vững mạnh, chính quyền hoạt động hiệu lực, hiệu quả', shortName: 'Xây dựng Đảng, chính quyền', parts: [], leadAgency: 'BTCTU', assignment: 'de_nghi' },
  {
    no: 3,
    name: 'Đổi mới phong cách, thái độ phục vụ của cán bộ y tế hướng tới sự hài lòng của người bệnh; Ngành Y tế chung tay phòng, chống dịch bệnh Covid-19',
    shortName: 'Y tế: phục vụ người bệnh, chống Covid-19',
    parts: ['Đổi mới phong cách, thái độ phục vụ của cán bộ y tế hướng tới sự hài lòng của người bệnh', 'Ngành Y tế chung tay phòng, chống dịch bệnh Covid-19'],
    leadAgency: 'SYT',
    assignment: 'giao',
  },
  { no: 4, name: 'Cả nước chung sức xây dựng nông thôn mới', shortName: 'Xây dựng nông thôn mới', parts: [], leadAgency: 'SNNPTNT', assignment: 'giao' },
  { no: 5, name: 'Thi đua quyết thắng', shortName: 'Thi đua quyết thắng', parts: [], leadAgency: 'BCHQS', assignment: 'giao' },
  {
    no: 6,
    name: 'Vì an ninh Tổ quốc; Toàn dân bảo vệ an ninh Tổ quốc',
    shortName: 'Vì an ninh Tổ quốc',
    parts: ['Vì an ninh Tổ quốc', 'Toàn dân bảo vệ an ninh Tổ quốc'],
    leadAgency: 'CAT',
    assignment: 'giao',
  },
  { no: 7, name: 'Doanh nghiệp Hưng Yên hội nhập và phát triển', shortName: 'Doanh nghiệp hội nhập và phát triển', parts: [], leadAgency: 'HHDN', assignment: 'giao' },
  { no: 8, name: 'Vì một Hưng Yên không còn đói nghèo', shortName: 'Không còn đói nghèo', parts: [], leadAgency: 'SLDTBXH', assignment: 'giao' },
  { no: 9, name: 'Cán bộ, công chức, viên chức tỉnh Hưng Yên thi đua thực hiện văn hóa công sở', shortName: 'Văn hóa công sở', parts: [], leadAgency: 'SNV', assignment: 'giao' },
  {
    no: 10,
    name: 'Nâng cao Chỉ số cải cách hành chính (Par Index), Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) và Chỉ số nâng cao hiệu quả quản trị hành chính công (PAPI)',
    shortName: 'Nâng cao PAR Index, SIPAS, PAPI',
    parts: [],
    leadAgency: 'SNV',
    assignment: 'giao',
  },
  { no: 11, name: 'Nâng cao cải thiện môi trường kinh doanh và năng lực cạnh tranh cấp tỉnh', shortName: 'Môi trường kinh doanh, PCI', parts: [], leadAgency: 'SKHDT', assignment: 'giao' },
  { no: 12, name: 'Toàn dân đoàn kết xây dựng đời sống văn hóa', shortName: 'Đời sống văn hóa', parts: [], leadAgency: 'SVHTTDL', assignment: 'giao' },
  { no: 13, name: 'Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh', shortName: 'Nông thôn mới, đô thị văn minh', parts: [], leadAgency: 'MTTQ', assignment: 'de_nghi' },
  { no: 14, name: 'Lao động giỏi, lao động sáng tạo', shortName: 'Lao động giỏi, lao động sáng tạo', parts: [], leadAgency: 'LDLD', assignment: 'de_nghi' },
  { no: 15, name: 'Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập', shortName: 'Đổi mới dạy và học', parts: [], leadAgency: 'SGDDT', assignment: 'giao' },
  {
    no: 16,
    name: 'Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc; xây dựng tổ chức',
    shortName: 'Phụ nữ tích cực học tập, lao động sáng tạo',
    parts: [],
    leadAgency: 'HLHPN',
    assignment: 'de_nghi',
  },
  {
    no: 17,
    name: 'Nông dân thi đua sản xuất kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững',
    shortName: 'Nông dân sản xuất kinh doanh giỏi',
    parts: [],
    leadAgency: 'HND',
    assignment: 'de_nghi',
  },
  {
    no: 18,
    name: 'Cựu chiến binh gương mẫu; Cựu chiến binh giúp nhau làm kinh tế, xóa đói giảm nghèo',
    shortName: 'Cựu chiến binh gương mẫu',
    parts: ['Cựu chiến binh gương mẫu', 'Cựu chiến binh giúp nhau làm kinh tế, xóa đói giảm nghèo'],
    leadAgency: 'HCCB',
    assignment: 'de_nghi',
  },
  {
    no: 19,
    name: 'Thanh niên xung kích, tình nguyện phát triển kinh tế - xã hội; lập thân, lập nghiệp',
    shortName: 'Thanh niên xung kích, lập thân, lập nghiệp',
    parts: ['Thanh niên xung kích, tình nguyện phát triển kinh tế - xã hội', 'Lập thân, lập nghiệp'],
    leadAgency: 'TINHDOAN',
    assignment: 'de_nghi',
  },
  {
    no: 20,
    name: 'Đổi mới sáng tạo, ứng dụng các tiến bộ khoa học và công nghệ vào thực tiễn sản xuất và đời sống',
    shortName: 'Ứng dụng khoa học và công nghệ',
    parts: [],
    leadAgency: 'SKHCN',
    assignment: 'giao',
  },
];

/** Households are recognised only in movement 8 ("cá nhân, hộ gia đình", Section III.8.b). */
export const HOUSEHOLD_MOVEMENT = 8;
