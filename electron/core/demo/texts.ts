/**
 * Sentences for demo notes, intake summaries and plans, in Turkish as a unit
 * writes them. Placeholders ({child}, {caregiver} …) stand where no Turkish
 * suffix follows, so any name reads correctly.
 */
import type { NoteType } from '../../../shared/api/schemas/cases';

/** Opening, middle and closing sentences per note type; a note takes one opening, 2–3 middles and one closing. */
export const NOTE_SENTENCES: Record<NoteType, { open: string[]; middle: string[]; close: string[] }> = {
  home_visit: {
    open: [
      '{district} ilçesindeki haneye planlı ev ziyareti yapıldı.',
      'Haneye habersiz ev ziyareti gerçekleştirildi.',
      'Vaka planı kapsamında aylık ev ziyareti yapıldı.',
    ],
    middle: [
      'Ziyarette anne {mother} ve çocuk {child} evdeydi.',
      'Evin fiziksel koşulları genel olarak yeterli; çocukların ayrı bir odası bulunmuyor.',
      'Mutfakta yeterli gıda olduğu, evin temiz ve düzenli olduğu gözlendi.',
      'Kış aylarında ısınma sorunu yaşandığı, sobanın tek odada yakıldığı öğrenildi.',
      'Anne, babanın son haftalarda daha sakin olduğunu ve evde tartışmaların azaldığını ifade etti.',
      'Çocukla kısa bir görüşme yapıldı; okulda arkadaşlarıyla sorun yaşamadığını anlattı.',
      'Ailenin kira borcu nedeniyle ev sahibiyle sorun yaşadığı öğrenildi; SEDEP başvurusu için bilgi verildi.',
      'Evde ilaçların ve temizlik malzemelerinin çocukların ulaşabileceği yerde durduğu görüldü; güvenli saklama konusunda bilgi verildi.',
      'Baba ziyaret sırasında evde değildi; işten geç saatte döndüğü öğrenildi.',
      'Bakım veren {caregiver}, çocuğun uyku ve beslenme düzeninin düzeldiğini söyledi.',
      'Kardeşlerin aynı yatağı paylaştığı ve ders çalışacak bir masalarının olmadığı gözlendi.',
    ],
    close: [
      'Bir sonraki ziyaretin iki hafta sonra yapılması planlandı.',
      'Aileye birimin telefon numarası yeniden verildi; acil durumda aramaları istendi.',
      'Gözlemler sorumlu sosyal çalışmacıyla paylaşılacak.',
    ],
  },
  interview: {
    open: ['{child} ile birimde yaklaşık kırk beş dakikalık bir görüşme yapıldı.', 'Çocukla okulda, rehber öğretmenin odasında görüşüldü.'],
    middle: [
      'Çocuk görüşme boyunca iletişime açıktı, sorulara kısa ama tutarlı yanıtlar verdi.',
      'Evde yaşanan tartışmalardan söz ederken gerginleştiği ve konuyu değiştirmek istediği gözlendi.',
      'Okul yaşamıyla ilgili olumlu şeyler anlattı; en sevdiği dersin resim olduğunu söyledi.',
      'Kendini güvende hissetmediği durumlarda kime başvurabileceği birlikte konuşuldu.',
      'Anne {mother} ile ayrıca görüşüldü; çocuğun uyku düzeninde bozulma olduğunu belirtti.',
      'Görüşmede çocuğun anlattıkları kendi sözleriyle kayda geçirildi.',
      'Çocuk, babasının bağırdığı zamanlarda odasına kapandığını anlattı.',
      'Arkadaşlarıyla parkta oynamayı sevdiğini, hafta sonları dedesine gittiğini söyledi.',
    ],
    close: ['Görüşme sonunda çocuğa bir sonraki buluşma tarihi söylendi.', 'Görüşme notları ve gözlemler vaka dosyasına eklendi.'],
  },
  phone_call: {
    open: ['Bakım veren {caregiver} ile telefonda görüşüldü.', 'Okul rehber öğretmeni telefonla arandı.', 'Anne {mother} birimi arayarak bilgi verdi.'],
    middle: [
      'Çocuğun okula düzenli devam ettiği, devamsızlığın azaldığı öğrenildi.',
      'Randevunun bir hafta ertelenmesi istendi; yeni tarih belirlendi.',
      'Psikolojik Danışma Merkezindeki ilk seansa katıldıkları öğrenildi.',
      'Ailenin taşınma hazırlığında olduğu, yeni adresin henüz belli olmadığı söylendi.',
      'Babanın yeniden işe başladığı, evdeki gerginliğin azaldığı ifade edildi.',
      'Çocuğun son haftalarda derslerine daha çok ilgi gösterdiği bildirildi.',
    ],
    close: ['Bir sonraki telefon görüşmesi için gün belirlendi.', 'Bilgi sorumlu sosyal çalışmacıya iletildi.'],
  },
  counselling_individual: {
    open: ['{child} ile bireysel danışmanlık seansı yapıldı.', 'Planlanan bireysel görüşmelerin bu haftaki seansı gerçekleştirildi.'],
    middle: [
      'Seansta duyguları tanıma ve ifade etme üzerine çalışıldı.',
      'Çocuk öfkelendiğinde kullanabileceği nefes egzersizlerini denedi.',
      'Okulda yaşadığı bir çatışma resim çalışması üzerinden ele alındı.',
      'Uyku öncesi kaygıları için basit bir rutin birlikte hazırlandı.',
      'Çocuğun önceki seansa göre daha rahat olduğu ve göz teması kurduğu gözlendi.',
    ],
    close: ['Bir sonraki seans haftaya aynı saatte.', 'Seans sonrası anneyle kısa bir bilgilendirme yapıldı.'],
  },
  counselling_group: {
    open: ['Akran grubu çalışmasının oturumuna {child} de katıldı.', 'Altı çocukla yürütülen grup çalışmasının oturumu yapıldı.'],
    middle: [
      'Oturumda arkadaşlık ve sınır koyma konuları oyunlarla çalışıldı.',
      'Çocuk gruba katılmakta başta çekingen davrandı, oturumun sonuna doğru etkinliklere katıldı.',
      'Grup kurallarını birlikte yazdılar ve panoya astılar.',
    ],
    close: ['Grup çalışması dört oturum daha sürecek.', 'Katılım ve gözlemler grup izlem formuna işlendi.'],
  },
  counselling_family: {
    open: ['Aileyle aile danışmanlığı görüşmesi yapıldı.', 'Anne {mother} ve baba {father} ile birlikte aile görüşmesi yapıldı.'],
    middle: [
      'Evde şiddete başvurmadan sınır koyma yolları konuşuldu.',
      'Ebeveynlerin çocuğun okul başarısı konusundaki beklentileri ele alındı.',
      'Ailenin günlük rutini ve ekran süresi üzerine bir plan yapıldı.',
      'Baba öfke anlarında evden kısa bir süre uzaklaştığını ve bunun işe yaradığını anlattı.',
      'Kardeşler arasındaki kıskançlık ve ebeveynlerin tutumu konuşuldu.',
    ],
    close: ['Aile bir sonraki görüşmeye kadar üzerinde anlaşılan kuralları deneyecek.', 'İSADEM ebeveynlik eğitimine kayıt önerildi.'],
  },
  social_examination: {
    open: ['Aile hakkında sosyal inceleme yapıldı.', 'Mahkemenin istemi üzerine sosyal inceleme raporu için görüşmeler tamamlandı.'],
    middle: [
      'Hanede anne, baba ve üç çocuk yaşıyor; evin kira olduğu öğrenildi.',
      'Hane gelirinin babanın asgari ücretinden ibaret olduğu, düzenli sosyal yardım alınmadığı belirlendi.',
      'Çocukların sağlık kontrollerinin ve aşılarının tam olduğu görüldü.',
      'Akrabalardan destek alınamadığı, ailenin sosyal çevresinin dar olduğu anlaşıldı.',
      'Okuldan alınan bilgiye göre çocuğun devamı düzensiz, başarısı düşük.',
    ],
    close: ['Sosyal inceleme raporu hazırlanarak dosyaya eklendi.', 'Rapor sorumlunun onayına sunuldu.'],
  },
  developmental_assessment: {
    open: ['{child} için gelişimsel değerlendirme yapıldı.', 'Çocuk gelişimci tarafından gelişim taraması uygulandı.'],
    middle: [
      'Dil gelişiminin yaşıtlarının biraz gerisinde olduğu gözlendi.',
      'İnce motor becerileri yaşına uygun; kaba motor becerilerinde belirgin bir sorun görülmedi.',
      'Dikkat süresinin kısa olduğu, yönergeleri takip etmekte zorlandığı izlendi.',
      'Sosyal etkileşimde istekli; oyun becerileri yaşına uygun.',
    ],
    close: ['Ayrıntılı değerlendirme için Rehberlik ve Araştırma Merkezine yönlendirme önerildi.', 'Sonuçlar aileyle paylaşıldı.'],
  },
  court_hearing: {
    open: ['Çocuk mahkemesindeki duruşmaya katılındı.', 'Aile mahkemesinde görülen velayet davasının duruşmasına katılındı.'],
    middle: [
      'Mahkeme, sosyal inceleme raporunu dosyaya aldı.',
      'Çocuk hakkında danışmanlık tedbirine karar verildi.',
      'Mahkeme, ailenin psikolojik danışmanlık almasına ve üç ayda bir rapor sunulmasına hükmetti.',
      'Duruşma, eksik belgelerin tamamlanması için ertelendi.',
    ],
    close: ['Bir sonraki duruşma tarihi takvime işlendi.', 'Karar örneği vaka dosyasına eklenecek.'],
  },
  other: {
    open: ['Vakayla ilgili kurum içi değerlendirme toplantısı yapıldı.', 'İlgili kurumla koordinasyon görüşmesi yapıldı.'],
    middle: [
      'Çocuk İzlem Merkezi ile bilgi paylaşıldı; yalnızca gerekli bilgiler aktarıldı.',
      'Vakanın önceliği ve izlem sıklığı yeniden gözden geçirildi.',
      'Okul idaresiyle çocuğun devamsızlığı konusunda ortak bir plan yapıldı.',
    ],
    close: ['Toplantı kararları vaka planına işlendi.', 'Yapılacaklar ilgili kişilere iletildi.'],
  },
};

/** A home visit the family refused (seed 004: a reason to treat the case as higher risk). */
export const REFUSED_VISIT = {
  open: ['Haneye planlı ev ziyareti için gidildi ancak kapı açılmadı.', 'Planlanan ev ziyareti aile tarafından kabul edilmedi.'],
  middle: [
    'Telefonla ulaşılan bakım veren {caregiver}, ziyareti kabul etmediğini ve birimle görüşmek istemediğini söyledi.',
    'Komşulardan ailenin evde olduğu bilgisi alındı.',
    'Çocuğun okula devam edip etmediği okul idaresinden soruldu.',
  ],
  close: ['Durum sorumlu sosyal çalışmacıya bildirildi; yeniden değerlendirme önerildi.'],
};

export const INTAKE_SUMMARIES: Record<string, string[]> = {
  domestic_violence: [
    'Komşu, gece saatlerinde evden bağırma ve kırılma sesleri geldiğini, çocukların ağladığını bildirdi.',
    'Annenin yüzünde morluklar görüldüğü, çocukların babadan korktuğu ifade edildi.',
  ],
  sexual_abuse: [
    'Okul rehber öğretmeni, çocuğun yaşına uygun olmayan cinsel içerikli ifadeler kullandığını ve bir yakınından korktuğunu bildirdi.',
    'Hastane sosyal hizmet birimi, muayene sırasında cinsel istismar şüphesi doğuran bulgular saptandığını bildirdi.',
  ],
  emotional_neglect: ['Çocuğun uzun saatler evde yalnız bırakıldığı, bakım verenin ilgisiz olduğu bildirildi.'],
  emotional_abuse: ['Babanın çocuğu sürekli aşağıladığı, bağırdığı ve evden kovmakla tehdit ettiği bildirildi.'],
  educational_neglect: ['Okul, çocuğun bu dönem 30 günden fazla devamsızlık yaptığını ve aileye ulaşılamadığını bildirdi.'],
  traumatic_processes: ['Ailenin deprem bölgesinden göç ettiği, çocuğun gece kâbusları gördüğü ve okula uyum sağlayamadığı bildirildi.'],
  divorced_parents: ['Boşanma sürecindeki ebeveynler arasında velayet anlaşmazlığı yaşandığı, çocuğun süreçten olumsuz etkilendiği bildirildi.'],
  economic_exploitation: ['Çocuğun okul saatlerinde sanayi bölgesinde bir atölyede çalıştırıldığı bildirildi.'],
  anxiety_problems: ['Anne, çocuğun okula gitmek istemediğini, karın ağrıları ve yoğun kaygı yaşadığını belirterek başvurdu.'],
  addiction: ['Babanın alkol bağımlılığı nedeniyle evde şiddet yaşandığı, çocukların bakımının aksadığı bildirildi.'],
  early_marriage: ['On altı yaşındaki kız çocuğunun dini nikâhla evlendirilmek üzere olduğu bildirildi.'],
  health_neglect: ['Kronik hastalığı olan çocuğun ilaçlarının düzenli verilmediği ve kontrollerine götürülmediği bildirildi.'],
  bullying: ['Çocuğun okulda akranları tarafından sürekli zorbalığa uğradığı ve okula gitmek istemediği bildirildi.'],
};

export const INTAKE_FOLLOW_UPS = [
  'Başvuru sahibi ailenin son zamanlarda maddi sıkıntı yaşadığını da ekledi.',
  'Ailenin daha önce de benzer şikâyetlerle birime başvurduğu belirtildi.',
  'Çocuğun okula düzenli gitmediği de bildirildi.',
  'Başvuru sahibi kimliğinin aileyle paylaşılmamasını istedi.',
  'Evde küçük kardeşlerin de bulunduğu ifade edildi.',
];

export const PLAN_GOALS: ReadonlyArray<{ goal: string; actions: string[] }> = [
  { goal: 'Çocuğun okula düzenli devamının sağlanması', actions: ['Okul rehber öğretmeniyle aylık görüşme', 'Devamsızlık takibinin okul idaresiyle birlikte yapılması', 'Servis desteği için belediyeye başvuru'] },
  { goal: 'Ailede şiddetsiz iletişimin güçlendirilmesi', actions: ['Aile danışmanlığı seanslarının planlanması', 'Babanın öfke kontrolü programına yönlendirilmesi', 'Hane ziyareti'] },
  { goal: 'Bakım verenin ebeveynlik becerilerinin desteklenmesi', actions: ['İSADEM ebeveynlik eğitimine kayıt', 'Anneyle psikoeğitim görüşmeleri', 'Hane ziyareti'] },
  { goal: 'Çocuğun psikolojik destek almasının sağlanması', actions: ['Psikolojik Danışma Merkezine yönlendirme', 'Bireysel danışmanlık seanslarının sürdürülmesi', 'Çocuk ve Ergen Ruh Sağlığı polikliniğinden randevu alınması'] },
  { goal: 'Ailenin sosyal yardımlara erişiminin sağlanması', actions: ['SEDEP başvurusunun tamamlanması', 'Annenin istihdam ofisine yönlendirilmesi', 'Sosyal Yardımlaşma ve Dayanışma Vakfı ile görüşme'] },
  { goal: 'Çocuğun güvenliğinin sağlanması', actions: ['Çocuk İzlem Merkezi ile koordinasyon', 'Güvenlik planının aileyle birlikte hazırlanması', 'Haftalık telefon görüşmesi'] },
];

export const CLOSURE_REASONS = [
  'Risk ortadan kalktı; aile destek hizmetlerine bağlandı.',
  'Vaka planındaki hedeflere ulaşıldı; izlemde yeni bir risk görülmedi.',
  'Aile başka bir ile taşındı; dosya ilgili il müdürlüğüne devredildi.',
  'İhbar doğrulanmadı; aileye ebeveynlik desteği önerildi ve bilgilendirildi.',
  'Çocuk kuruma yerleştirildi; izlem Çocuk Koruma Kurumu tarafından sürdürülüyor.',
];

export const SERVICE_NOTES = [
  'Planlanan seanslar tamamlandı.',
  'Aile düzenli katıldı.',
  'İki seansa katılım olmadı; telefonla hatırlatma yapıldı.',
  'Rapor dosyaya eklendi.',
];

export const EDIT_ADDITIONS = [
  'Ek: Görüşmenin ardından okul rehber öğretmeninden alınan bilgi de dosyaya eklendi.',
  'Düzeltme: Ziyaret tarihi ve saat bilgisi düzeltildi.',
  'Ek: Annenin verdiği yeni telefon numarası kişi kaydına işlendi.',
];
