/** Names, places and schools for demo households (Istanbul). Invented people; common Turkish names. */

export const FEMALE_NAMES = [
  'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Şerife', 'Zehra', 'Sultan', 'Hülya', 'Esra', 'Merve', 'Büşra',
  'Özlem', 'Gülşen', 'Songül', 'Şule', 'Gönül', 'Nurcan', 'Derya', 'Sevgi', 'Yasemin', 'Ebru', 'Dilek', 'Tuğba', 'Kübra', 'Çiğdem',
  'Gülay', 'Hacer', 'Ümran', 'Nazlı', 'Sıla', 'Ilgın', 'Işıl', 'İpek', 'İrem', 'Öykü', 'Defne', 'Ecrin', 'Asya', 'Azra', 'Nehir',
  'Eylül', 'Yağmur', 'Duru', 'Ela', 'Miray', 'Ceren', 'Beren', 'Gökçe', 'Çağla', 'Şevval', 'Rabia', 'Hiranur', 'Zümra', 'Nisa',
  'Ayşenur', 'Betül', 'Dilara', 'Damla', 'Melek', 'Aleyna', 'Sude', 'Buse', 'Gizem', 'Pınar', 'Tülay', 'Güler', 'Nermin', 'Saadet',
];

export const MALE_NAMES = [
  'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Murat', 'Ömer', 'Ramazan', 'Halil',
  'Süleyman', 'Abdullah', 'Mahmut', 'Recep', 'Kadir', 'Emre', 'Burak', 'Serkan', 'Gökhan', 'Uğur', 'Barış', 'Özgür', 'Cengiz', 'Ünal',
  'Şahin', 'Tuğrul', 'Oğuz', 'Çağan', 'Kağan', 'Göktuğ', 'Doğukan', 'Çınar', 'Ilgaz', 'Ege', 'Aras', 'Eymen', 'Miraç', 'Kerem',
  'Yiğit', 'Berat', 'Emir', 'Alparslan', 'Ömer Faruk', 'Yusuf Eren', 'Mert', 'Arda', 'Efe', 'Poyraz', 'Kuzey', 'Batuhan', 'Furkan',
  'Enes', 'Umut', 'Onur', 'Sinan', 'Erkan', 'Levent', 'Volkan', 'Taner', 'Şükrü', 'İlyas', 'İsa', 'Musa', 'Metin', 'Cem', 'Tolga',
];

export const SURNAMES = [
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan',
  'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Özcan', 'Korkmaz', 'Çakır', 'Erdoğan', 'Yavuz', 'Can', 'Acar', 'Şen',
  'Aktaş', 'Güler', 'Yalçın', 'Güneş', 'Bozkurt', 'Bulut', 'Keskin', 'Ünal', 'Turan', 'Gül', 'Özer', 'Işık', 'Kaplan', 'Avcı', 'Sarı',
  'Tekin', 'Taş', 'Köse', 'Yüksel', 'Ateş', 'Aksoy', 'Uçar', 'Ağca', 'Çiftçi', 'Ekinci', 'Başaran', 'Karataş', 'Türkmen', 'Akgül',
  'Kocabaş', 'Sönmez', 'Erdem', 'Çalışkan', 'Karakaya', 'Bayram', 'Durmaz', 'Gündoğdu', 'İnce', 'İpek', 'Özgür', 'Ulusoy', 'Öz',
  'Şeker', 'Tunç', 'Çoban', 'Kahraman', 'Oğuz', 'Dağ', 'Eren', 'Uysal', 'Kalkan', 'Aydoğan', 'Gökçe', 'Duman', 'Altıntaş', 'Erol',
];

/** Families under temporary or international protection (Istanbul hosts many). */
export const FOREIGN = {
  SY: {
    female: ['Fatima', 'Aisha', 'Mariam', 'Nour', 'Rania', 'Hiba', 'Layla', 'Amal', 'Yasmin', 'Rahaf', 'Sidra', 'Lana'],
    male: ['Mohammad', 'Ahmad', 'Omar', 'Khaled', 'Yousef', 'Hamza', 'Bilal', 'Abdulrahman', 'Mahmoud', 'Ibrahim', 'Ali', 'Rami'],
    surnames: ['Al Hasan', 'Al Ahmad', 'Haddad', 'Hamdan', 'Khalil', 'Al Ali', 'Nasser', 'Darwish', 'Al Hussein', 'Saleh', 'Mansour', 'Qassem'],
    languages: ['ar'],
    legal: 'temporary_protection' as const,
  },
  AF: {
    female: ['Zahra', 'Maryam', 'Fatemeh', 'Shabnam', 'Parisa', 'Mursal', 'Nargis', 'Farzana'],
    male: ['Ahmad', 'Mohammad', 'Ali', 'Hamid', 'Reza', 'Nasir', 'Javid', 'Farid'],
    surnames: ['Ahmadi', 'Rahimi', 'Hosseini', 'Mohammadi', 'Karimi', 'Sultani', 'Noori', 'Haidari'],
    languages: ['fa'],
    legal: 'international_protection' as const,
  },
  IQ: {
    female: ['Zainab', 'Noor', 'Sara', 'Huda', 'Rusul', 'Ruqaya'],
    male: ['Mustafa', 'Hussein', 'Ali', 'Haider', 'Ammar', 'Yasir'],
    surnames: ['Al Jubouri', 'Al Obaidi', 'Al Tamimi', 'Al Zubaidi', 'Kadhim', 'Jabbar'],
    languages: ['ar'],
    legal: 'international_protection' as const,
  },
};

/** Istanbul districts, weighted roughly by population (the busiest units serve these). */
export const DISTRICTS: ReadonlyArray<readonly [string, number]> = [
  ['Esenyurt', 10], ['Küçükçekmece', 8], ['Bağcılar', 7], ['Pendik', 7], ['Ümraniye', 7], ['Bahçelievler', 6], ['Sultangazi', 5],
  ['Üsküdar', 5], ['Maltepe', 5], ['Gaziosmanpaşa', 5], ['Kartal', 5], ['Kadıköy', 4], ['Esenler', 4], ['Başakşehir', 4],
  ['Kağıthane', 4], ['Avcılar', 4], ['Ataşehir', 4], ['Sancaktepe', 4], ['Eyüpsultan', 4], ['Fatih', 4], ['Sultanbeyli', 3],
  ['Zeytinburnu', 3], ['Arnavutköy', 3], ['Güngören', 3], ['Bayrampaşa', 3], ['Beylikdüzü', 3], ['Sarıyer', 3], ['Tuzla', 3],
  ['Çekmeköy', 3], ['Büyükçekmece', 2], ['Beykoz', 2], ['Beyoğlu', 2], ['Şişli', 2], ['Bakırköy', 2], ['Silivri', 2],
  ['Beşiktaş', 1], ['Çatalca', 1], ['Şile', 1], ['Adalar', 1],
];

export const NEIGHBOURHOODS = [
  'Cumhuriyet', 'Fatih', 'Yenidoğan', 'Mimar Sinan', 'Atatürk', 'İnönü', 'Yıldıztepe', 'Merkez', 'Güneşli', 'Kocatepe', 'Esentepe',
  'Barbaros', 'Yavuz Selim', 'Mehmet Akif', 'Hürriyet', 'Zafer', 'Çamlık', 'Gülbahar', 'Karlıtepe', 'Şirintepe', 'Bahçelievler',
  'Yenimahalle', 'Sultan Selim', 'Kazım Karabekir', 'Mevlana', 'Yunus Emre', 'Ihlamurkuyu', 'Örnek', 'Çınar', 'Akşemsettin',
];

export const STREET_NAMES = [
  'Lale', 'Gül', 'Papatya', 'Menekşe', 'Çınar', 'Ihlamur', 'Karanfil', 'Akasya', 'Söğüt', 'Kardelen', 'Nilüfer', 'Zambak', 'Manolya',
  'Atatürk', 'İstiklal', 'Cumhuriyet', 'Zübeyde Hanım', 'Ergenekon', 'Mimar Sinan', 'Yunus Emre', 'Mevlana', 'Barış', 'Şehit Er Ali Çelik',
  'Fevzi Çakmak', 'Gazi Osman Paşa', 'Köroğlu', 'Dumlupınar', 'Sakarya', 'Uğur Mumcu', 'Orhan Veli',
];

export const SCHOOL_NAMES = [
  'Atatürk', 'Cumhuriyet', 'Mimar Sinan', 'Yunus Emre', 'Fatih Sultan Mehmet', 'Şehit Öğretmen Nurten Yılmaz', 'Gazi', 'Hasan Âli Yücel',
  'Mehmet Akif Ersoy', 'Namık Kemal', 'Barbaros Hayrettin Paşa', 'Piri Reis', 'Kazım Karabekir', 'Nene Hatun', 'Aşık Veysel', 'Fevzi Çakmak',
];

export const DISABILITIES = [
  'Hafif düzeyde zihinsel yetersizlik (RAM raporu var)',
  'Otizm spektrum bozukluğu; özel eğitim alıyor',
  'İşitme kaybı; işitme cihazı kullanıyor',
  'Serebral palsi; tekerlekli sandalye kullanıyor',
  'Dikkat eksikliği ve hiperaktivite bozukluğu',
  'Görme yetersizliği (az gören)',
];

export const REPORTER_RELATIONS = [
  'Komşu', 'Okul rehber öğretmeni', 'Sınıf öğretmeni', 'Anne', 'Teyze', 'Dede', 'Aile hekimi', 'Hastane sosyal hizmet uzmanı',
  'Polis memuru', 'Muhtar', 'Apartman yöneticisi', 'Akraba', 'Çocuğun kendisi',
];
