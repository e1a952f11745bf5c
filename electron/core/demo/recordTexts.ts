/**
 * Turkish texts for the demo's risk assessments, referrals and court records,
 * as a unit writes them. Invented; no real person, court file or institution
 * officer is named. Placeholders: {child}, {caregiver}, {institution}.
 */

/** The assessor's summary of an assessment, by final level. */
export const ASSESSMENT_SUMMARIES: Record<'urgent' | 'high' | 'medium' | 'low' | 'none', string[]> = {
  urgent: [
    '{child} için evde doğrudan ve ciddi bir tehlike bulunduğu değerlendirildi; aynı gün kolluk ve il müdürlüğü ile koordinasyon sağlandı.',
    'Çocuğun beyanı ve gözlenen bulgular ciddi zarar riskine işaret ediyor; acil koruma seçenekleri aileyle birlikte değil, kurumlarla ele alındı.',
    'Fail olduğu belirtilen kişi çocukla aynı evde yaşıyor; güvenlik planı yapılana kadar günlük temas sürdürülecek.',
  ],
  high: [
    '{child} için koruma kaygısı yüksek; bakım veren {caregiver} iş birliğine açık ancak koruyucu kapasitesi sınırlı.',
    'Şiddet öyküsü ve çocuğun okuldaki davranış değişiklikleri birlikte değerlendirildi; haftada iki izlem planlandı.',
    'Çocuğun temel gereksinimleri düzenli karşılanmıyor; destek hizmetleri başlayana kadar sık izlem gerekli.',
  ],
  medium: [
    'Koruma kaygısı orta düzeyde; aile destek almaya istekli, çocuk okula devam ediyor.',
    '{caregiver} ile yapılan görüşmede ebeveynlik becerilerine yönelik destek ihtiyacı belirlendi; psikoeğitim önerildi.',
    'Çocuğun kaygı belirtileri sürüyor; psikolojik danışma yönlendirmesi ve aylık ev ziyareti planlandı.',
  ],
  low: [
    'Risk düşük; ailenin sosyal ve ekonomik destek ihtiyacı öne çıkıyor.',
    'Önceki kaygılar büyük ölçüde giderildi; çocuk ve aile izlem kapsamında takip edilecek.',
    'Okul devamı düzeldi; rehber öğretmen ile iletişim sürdürülecek.',
  ],
  none: [
    'Yapılan değerlendirmede koruma kaygısı saptanmadı; aileye birimin hizmetleri hakkında bilgi verildi.',
    'İhbar konusu doğrulanmadı; çocuğun gereksinimlerinin karşılandığı gözlendi.',
  ],
};

/** Why the assessor's final level differs from the computed one (raised). */
export const OVERRIDE_RAISE_REASONS = [
  'Fail olduğu belirtilen kişinin çocuğa erişimi sürüyor; motorun hesapladığından daha sık izlem gerekli.',
  'Çocuğun yaşı küçük ve koruyucu bir yetişkin bulunmuyor; düzey bir üst basamakta tutuldu.',
  'Aynı hane için son bir yılda birden fazla ihbar alındı; tekrar eden bildirim nedeniyle düzey yükseltildi.',
  'Birden fazla kırılganlık etkeni bir arada; önerilen üst düzey kabul edildi.',
];

/** Why the assessor's final level differs from the computed one (lowered). */
export const OVERRIDE_LOWER_REASONS = [
  'Bildirilen olay tek seferlik; koruyucu ebeveyn iş birliği yapıyor ve güvenlik planı uygulanıyor.',
  'Fail olduğu belirtilen kişi haneden ayrıldı ve uzaklaştırma kararı var; risk azaldı.',
  'Çocuk akraba yanında güvende; düzey süpervizörle görüşülerek bir alt basamağa indirildi.',
];

/** The written reason every Risk Yok decision carries. */
export const NO_RISK_REASONS = [
  'Aile düzenli destek alıyor; ev ziyaretlerinde ve okulla görüşmede risk bulgusu kalmadı.',
  'Koruyucu ebeveyn güvenlik planını uyguluyor; çocuk kendini güvende hissettiğini söyledi.',
  'Bildirim araştırıldı, doğrulanmadı; aile gerekli hizmetlere yönlendirildi.',
];

/** A supervisor's note when approving an Urgent/High assessment. */
export const APPROVAL_NOTES = [
  'Değerlendirme ve izlem sıklığı uygun bulundu.',
  'Onaylandı; güvenlik planı bir hafta içinde gözden geçirilsin.',
  'Onaylandı; kolluk ile paylaşılan bilgiler dosyaya eklensin.',
];

/** Why a supervisor returned an assessment (a reassessment follows). */
export const RETURN_NOTES = ['Okul ve sağlık kaynaklı bilgiler eklenerek yeniden değerlendirilsin.', 'Kardeşlerin durumu da değerlendirmeye alınsın.'];

/** The reason for a referral, by the institution's type. */
export const REFERRAL_REASONS: Record<string, string[]> = {
  psychological_counselling_centre: [
    '{child} travmatik yaşantı sonrası uyku sorunları ve yoğun kaygı yaşıyor; bireysel psikolojik danışma talep ediyoruz.',
    'Ailede yaşanan şiddet sonrası çocuk ve annenin psikolojik destek almasını öneriyoruz.',
  ],
  womens_counselling_unit: ['Anne {caregiver} şiddet gördüğünü ifade ediyor; hukuki danışmanlık ve güçlendirme desteği talep ediyoruz.'],
  directorate_disabled: ['{child} için gelişimsel değerlendirme ve özel eğitim desteği talep ediyoruz.'],
  isadem: ['Ebeveynlerin çatışma çözme ve olumlu ebeveynlik konularında aile danışmanlığı almasını öneriyoruz.'],
  employment_office: ['Hanenin tek geliri kesildi; {caregiver} için iş arama desteği ve mesleki eğitim talep ediyoruz.'],
  child_monitoring_centre: ['{child} cinsel istismar beyanında bulundu; adli görüşme ve tıbbi muayene için yönlendiriyoruz.'],
  family_social_services_directorate: [
    '{child} için koruyucu ve destekleyici tedbir değerlendirmesi talep ediyoruz.',
    'Hanenin ekonomik durumu çocuğun temel gereksinimlerini karşılamaya yetmiyor; SED değerlendirmesi talep ediyoruz.',
  ],
  hospital: ['{child} için çocuk ve ergen ruh sağlığı değerlendirmesi talep ediyoruz.', 'Çocuğun aşıları ve sağlık kontrolleri eksik; sağlık taraması talep ediyoruz.'],
  school: ['{child} okula düzenli devam etmiyor; rehberlik ve RAM değerlendirmesi talep ediyoruz.'],
  municipality_unit: ['Hanenin kira ve ısınma giderleri için sosyal yardım değerlendirmesi talep ediyoruz.'],
  other: ['Hanenin sosyal yardım başvurusunun değerlendirilmesini talep ediyoruz.'],
  police: ['Çocuğun güvenliği için acil müdahale ve ifade alma sürecinin başlatılmasını talep ediyoruz.'],
  prosecutor: ['{child} hakkında suç teşkil edebilecek olay bildirimi; gereğinin yapılmasını arz ederiz.'],
  court: ['{child} hakkında 5395 sayılı Kanun kapsamında koruyucu ve destekleyici tedbir kararı verilmesini talep ediyoruz.'],
};

/** Legal grounds when consent is not possible or not required. */
export const LEGAL_GROUNDS = [
  '5395 sayılı Çocuk Koruma Kanunu md. 6: korunma ihtiyacı olan çocuğun bildirimi yükümlülüğü',
  '5237 sayılı Türk Ceza Kanunu md. 279: kamu görevlisinin suçu bildirmemesi (bildirim yükümlülüğü)',
  '6284 sayılı Kanun md. 7: şiddet mağdurunun korunması için bildirim',
];

export const REFERRAL_OUTCOMES = [
  'Hizmet planlanan oturum sayısıyla tamamlandı; kurum kapanış raporunu gönderdi.',
  'Çocuk düzenli olarak katıldı; kurum izlemin birimde sürdürülmesini önerdi.',
  'Aile hizmete başladı ancak taşındığı için süreç kapatıldı.',
];

export const DECLINE_REASONS = ['Kurumun kapasitesi dolu; bekleme listesi üç ayı aşıyor.', 'Talep edilen hizmet kurumun görev alanı dışında; ilgili kuruma yönlendirilmesi önerildi.'];

export const REPLY_OUTCOMES = ['Başvuru kabul edildi, ilk randevu verildi.', 'Değerlendirme için aileyle iletişime geçildi.', 'Çocuk hizmete kaydedildi.'];

export const CONTACT_PERSONS = ['Uzm. Psk. Selin Ergin', 'Sos. Hiz. Uzm. Burak Tan', 'Psk. Dan. Gamze Yurt', 'Hemşire Nazlı Er', 'Müdür Yrd. Kemal Usta'];

export const JUDGES = ['Hâkim Nilay Sevim', 'Hâkim Orhan Duru', 'Hâkim Selma Kıraç', 'Hâkim Tarık Eren'];

export const TO_BRING = [
  'Sosyal inceleme raporu, okul devam belgesi',
  'Güncel risk değerlendirmesi ve ev ziyareti notları',
  'Sağlık raporu, tedbir kararına uyum bilgisi',
];

export const HEARING_OUTCOMES = [
  'Sosyal inceleme raporu dinlendi; koruyucu ve destekleyici tedbirlere hükmedildi.',
  'Tedbirin devamına, altı ay sonra yeniden değerlendirilmesine karar verildi.',
  'Taraflar dinlendi; ek rapor istenerek duruşma ertelendi.',
];

export const POSTPONED_OUTCOMES = ['Tarafların yokluğu nedeniyle duruşma ertelendi.', 'Bilirkişi raporu beklendiği için duruşma ertelendi.'];

/** What an order asks, by kind (description). */
export const ORDER_DESCRIPTIONS: Record<string, string> = {
  shelter: 'Çocuğun kuruluş bakımına alınarak barınma tedbiri uygulanmasına',
  medical_examination: 'Çocuğun tıbbi muayenesinin yapılarak raporun mahkemeye sunulmasına',
  physical_therapy: 'Çocuğa fizik tedavi ve rehabilitasyon hizmeti verilmesine',
  psychological_counselling_individual: 'Çocuğa bireysel psikolojik danışmanlık hizmeti verilmesine',
  psychological_counselling_group: 'Çocuğun grup psikolojik danışmanlık çalışmasına katılmasına',
  psychological_counselling_family: 'Aileye aile danışmanlığı hizmeti verilmesine',
  education: 'Çocuğun okula devamının sağlanmasına ve eğitim tedbiri uygulanmasına',
  health_measure: 'Çocuğun sağlık kontrollerinin ve tedavisinin sağlanmasına (sağlık tedbiri)',
  care_measure: 'Çocuğun bakımının akraba yanında sağlanmasına (bakım tedbiri)',
  counselling_measure: 'Ebeveynlere çocuk yetiştirme konusunda danışmanlık verilmesine (danışmanlık tedbiri)',
  other: 'Çocuğun spor ve sanat etkinliklerine katılımının desteklenmesine',
};

export const COMPLIANCE_NOTES = {
  in_progress: ['Kurum hizmete başladığını bildirdi.', 'İlk oturum yapıldı; çocuk katıldı.', 'Aileyle ilk görüşme gerçekleştirildi.'],
  complied: ['Tedbir gereği yerine getirildi; kurum raporu dosyada.', 'Hizmet tamamlandı, mahkemeye bilgi verildi.'],
  not_complied: ['Aile randevulara gelmedi; durum mahkemeye bildirildi.', 'Kurum kapasite yetersizliği nedeniyle hizmeti başlatamadı.'],
};
