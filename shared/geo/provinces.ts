/**
 * Türkiye's 81 provinces (iller) with their codes, and the districts (ilçeler)
 * of the three largest, as static data for set-up, the office's settings,
 * address defaults and the seeded directory (issue 14).
 *
 * Source: the provinces and their numeric codes (the licence-plate / NVİ
 * province codes 01–81) as listed by the Ministry of the Interior (İçişleri
 * Bakanlığı, "İl ve İlçe Bilgileri", e-icisleri.gov.tr), unchanged since Düzce
 * became the 81st province in 1999; districts per Law 6360 (2012) for the
 * metropolitan provinces İstanbul (39), Ankara (25) and İzmir (30). A
 * district elsewhere is typed freely (suggestions only where listed here).
 */
import { fold } from '../text/turkish';

export interface Province {
  /** Two-digit province code ("06"). */
  code: string;
  /** The province's name as written in Turkish. */
  name: string;
}

export const PROVINCES: readonly Province[] = [
  ['01', 'Adana'], ['02', 'Adıyaman'], ['03', 'Afyonkarahisar'], ['04', 'Ağrı'], ['05', 'Amasya'], ['06', 'Ankara'], ['07', 'Antalya'],
  ['08', 'Artvin'], ['09', 'Aydın'], ['10', 'Balıkesir'], ['11', 'Bilecik'], ['12', 'Bingöl'], ['13', 'Bitlis'], ['14', 'Bolu'],
  ['15', 'Burdur'], ['16', 'Bursa'], ['17', 'Çanakkale'], ['18', 'Çankırı'], ['19', 'Çorum'], ['20', 'Denizli'], ['21', 'Diyarbakır'],
  ['22', 'Edirne'], ['23', 'Elazığ'], ['24', 'Erzincan'], ['25', 'Erzurum'], ['26', 'Eskişehir'], ['27', 'Gaziantep'], ['28', 'Giresun'],
  ['29', 'Gümüşhane'], ['30', 'Hakkari'], ['31', 'Hatay'], ['32', 'Isparta'], ['33', 'Mersin'], ['34', 'İstanbul'], ['35', 'İzmir'],
  ['36', 'Kars'], ['37', 'Kastamonu'], ['38', 'Kayseri'], ['39', 'Kırklareli'], ['40', 'Kırşehir'], ['41', 'Kocaeli'], ['42', 'Konya'],
  ['43', 'Kütahya'], ['44', 'Malatya'], ['45', 'Manisa'], ['46', 'Kahramanmaraş'], ['47', 'Mardin'], ['48', 'Muğla'], ['49', 'Muş'],
  ['50', 'Nevşehir'], ['51', 'Niğde'], ['52', 'Ordu'], ['53', 'Rize'], ['54', 'Sakarya'], ['55', 'Samsun'], ['56', 'Siirt'],
  ['57', 'Sinop'], ['58', 'Sivas'], ['59', 'Tekirdağ'], ['60', 'Tokat'], ['61', 'Trabzon'], ['62', 'Tunceli'], ['63', 'Şanlıurfa'],
  ['64', 'Uşak'], ['65', 'Van'], ['66', 'Yozgat'], ['67', 'Zonguldak'], ['68', 'Aksaray'], ['69', 'Bayburt'], ['70', 'Karaman'],
  ['71', 'Kırıkkale'], ['72', 'Batman'], ['73', 'Şırnak'], ['74', 'Bartın'], ['75', 'Ardahan'], ['76', 'Iğdır'], ['77', 'Yalova'],
  ['78', 'Karabük'], ['79', 'Kilis'], ['80', 'Osmaniye'], ['81', 'Düzce'],
].map(([code, name]) => ({ code: code!, name: name! }));

export const ISTANBUL = 'İstanbul';

/** Districts by province code, where listed (others: free text). */
export const DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  '06': [
    'Akyurt', 'Altındağ', 'Ayaş', 'Bala', 'Beypazarı', 'Çamlıdere', 'Çankaya', 'Çubuk', 'Elmadağ', 'Etimesgut', 'Evren', 'Gölbaşı', 'Güdül',
    'Haymana', 'Kahramankazan', 'Kalecik', 'Keçiören', 'Kızılcahamam', 'Mamak', 'Nallıhan', 'Polatlı', 'Pursaklar', 'Sincan', 'Şereflikoçhisar',
    'Yenimahalle',
  ],
  '34': [
    'Adalar', 'Arnavutköy', 'Ataşehir', 'Avcılar', 'Bağcılar', 'Bahçelievler', 'Bakırköy', 'Başakşehir', 'Bayrampaşa', 'Beşiktaş', 'Beykoz',
    'Beylikdüzü', 'Beyoğlu', 'Büyükçekmece', 'Çatalca', 'Çekmeköy', 'Esenler', 'Esenyurt', 'Eyüpsultan', 'Fatih', 'Gaziosmanpaşa', 'Güngören',
    'Kadıköy', 'Kağıthane', 'Kartal', 'Küçükçekmece', 'Maltepe', 'Pendik', 'Sancaktepe', 'Sarıyer', 'Silivri', 'Sultanbeyli', 'Sultangazi',
    'Şile', 'Şişli', 'Tuzla', 'Ümraniye', 'Üsküdar', 'Zeytinburnu',
  ],
  '35': [
    'Aliağa', 'Balçova', 'Bayındır', 'Bayraklı', 'Bergama', 'Beydağ', 'Bornova', 'Buca', 'Çeşme', 'Çiğli', 'Dikili', 'Foça', 'Gaziemir',
    'Güzelbahçe', 'Karabağlar', 'Karaburun', 'Karşıyaka', 'Kemalpaşa', 'Kınık', 'Kiraz', 'Konak', 'Menderes', 'Menemen', 'Narlıdere', 'Ödemiş',
    'Seferihisar', 'Selçuk', 'Tire', 'Torbalı', 'Urla',
  ],
};

/** The province with this name, Turkish-folded ("istanbul", "IZMIR", "Şanlıurfa"); undefined if none. */
export function findProvince(name: string | null | undefined): Province | undefined {
  if (!name) return undefined;
  const folded = fold(name);
  return PROVINCES.find((p) => fold(p.name) === folded);
}

/** The listed districts of a province (by name), or an empty list. */
export function districtsOf(provinceName: string | null | undefined): readonly string[] {
  const province = findProvince(provinceName);
  return province ? (DISTRICTS[province.code] ?? []) : [];
}

export const isIstanbul = (name: string | null | undefined): boolean => findProvince(name)?.code === '34';
