"""Build probes.jsonl: 120 patient-facing passages labelled for whether they tell
the reader the harms of the page's OWN treatment (HNR harms / DISCERN Q11).

Passages are written below as (title, text, label, why). A fixed-seed shuffle
interleaves the labels; ids h201..h320 are assigned after the shuffle.
"""

import json
import random
from pathlib import Path

SEED = 20261129

YES = [
    (
        "Botox for frown lines | Willowmere Skin Clinic",
        "Bruising at the injection points is common and usually fades within a week. A small number of patients notice a drooping eyelid for two to three weeks; this wears off as the treatment does.",
        "names bruising and eyelid droop with how common and how long",
    ),
    (
        "Metformin: patient information leaflet",
        "You might feel sick, have stomach ache or get diarrhoea when you first start metformin. These usually settle within a few weeks, and taking the tablets with food helps.",
        "names the drug's own stomach side effects and their course",
    ),
    (
        "Wisdom tooth removal | Harbourside Dental",
        "Afterwards your jaw may be swollen and stiff for a few days. Rarely, the nerve that runs near the lower wisdom teeth is bruised, which can leave your lip or chin numb, sometimes for months.",
        "swelling and rare nerve injury with numbness from the extraction",
    ),
    (
        "St John's wort capsules - Verdalia Herbals",
        "St John's wort can stop the contraceptive pill, warfarin and some antidepressants from working properly. Check with a pharmacist before taking it alongside any other medicine.",
        "actionable interaction harm of the product itself",
    ),
    (
        "Knee replacement surgery: what to expect (hospital leaflet)",
        "About 1 in 100 people develop an infection in the new joint, which may need further surgery. Blood clots in the leg are another risk, so you will be given injections and stockings to lower it.",
        "quantified infection rate and clot risk of the operation",
    ),
    (
        "Cetirizine hayfever tablets | CarePoint Pharmacy",
        "Cetirizine can make some people drowsy. If it affects you, do not drive or use machinery, and avoid alcohol.",
        "drowsiness with what to do about it",
    ),
    (
        "Acupuncture for back pain | Still Point Clinic",
        "You may notice small bruises or a little bleeding where the needles went in, and some people feel tired or light-headed after a session. Very rarely a needle placed over the chest can puncture a lung.",
        "bruising, light-headedness and rare collapsed lung from needling",
    ),
    (
        "Intermittent fasting: a beginner's guide (wellness blog)",
        "In the first week or two you may get headaches, feel irritable and find it hard to concentrate. If you take insulin or tablets that lower blood sugar, fasting can make your sugar drop dangerously low, so speak to your diabetes team first.",
        "fasting's own headaches and hypoglycaemia risk",
    ),
    (
        "Isotretinoin for acne: dermatology department leaflet",
        "Isotretinoin can seriously harm an unborn baby, so you must not become pregnant while taking it or for a month after stopping. Dry lips and skin affect almost everyone, and some people get low mood, which you should tell us about straight away.",
        "birth defects, dry skin and mood change of the drug",
    ),
    (
        "IV vitamin drip therapy | GlowLine Hydration Bar",
        "The drip can leave a bruise or sore spot where the cannula went in. Occasionally the vein becomes inflamed, or the fluid leaks under the skin and causes swelling.",
        "cannula bruising, phlebitis and extravasation of the drip",
    ),
    (
        "Chiropractic neck adjustment | Align Spine Centre",
        "Around half of patients feel some stiffness or aching for a day or two after an adjustment. Very rarely, neck manipulation has been linked to a tear in an artery in the neck that can cause a stroke.",
        "common soreness and rare arterial dissection of manipulation",
    ),
    (
        "Cognitive behavioural therapy for anxiety (mental health service leaflet)",
        "Talking about difficult memories can make you feel worse for a while before you feel better. Tell your therapist if you feel overwhelmed so that you can slow the pace together.",
        "therapy's own temporary worsening, with what to do",
    ),
    (
        "Ibuprofen 200 mg tablets - product information",
        "Ibuprofen can irritate the stomach lining and, with regular use, cause ulcers or bleeding. Stop taking it and get help if you vomit blood or pass black, tarry stools.",
        "ulcers and bleeding with warning signs",
    ),
    (
        "Hair transplant (FUE) | Crestline Hair Clinic",
        "Your scalp will be red and crusted for about ten days, and some of your existing hair may shed in the first months, known as shock loss. Infection and visible scarring are uncommon but possible.",
        "redness, shock loss, infection and scarring of the procedure",
    ),
    (
        "Ashwagandha root extract - Solara Botanics",
        "Ashwagandha may cause an upset stomach, loose stools or sleepiness. There are rare reports of liver injury, so stop taking it and see a doctor if your skin or the whites of your eyes turn yellow.",
        "stomach upset, drowsiness and rare liver injury with a stop rule",
    ),
    (
        "Sertraline: information for patients",
        "During the first weeks you might feel more anxious, have trouble sleeping or notice a lower sex drive. Stopping suddenly can cause dizziness, 'electric shock' feelings and irritability, so your doctor will lower the dose gradually.",
        "early side effects and discontinuation symptoms",
    ),
    (
        "FlowSense continuous glucose monitor - product page",
        "The adhesive can irritate the skin, and a few users develop a red, itchy rash where the sensor sits. Remove the sensor and contact us if the area becomes painful or swollen.",
        "device's own skin reaction with action",
    ),
    (
        "Cataract surgery | Riverbend Eye Hospital",
        "Complications are uncommon. About 2 in 100 patients need a further procedure because the lens capsule tears, and a serious infection inside the eye affects roughly 1 in 1,000 and can threaten sight.",
        "quantified complication rates of the operation",
    ),
    (
        "Codeine phosphate 30 mg: pharmacy leaflet",
        "Codeine can be addictive if taken for more than three days. It often causes constipation and may make you sleepy or dizzy.",
        "addiction, constipation and drowsiness of the drug",
    ),
    (
        "Laser hair removal | Lumiere Aesthetics",
        "Treated skin often looks pink and feels like mild sunburn for a day. On darker skin there is a chance of burns, blisters or patches of lighter or darker skin, which can take months to fade.",
        "burns, blistering and pigment change of the laser",
    ),
    (
        "Hot yoga classes - Ember Studio",
        "Exercising in a room heated to 40 degrees can lead to dehydration, dizziness and, in rare cases, heat exhaustion. If you are pregnant or have a heart condition, ask your doctor before joining.",
        "the class's own heat-related harms",
    ),
    (
        "The ketogenic diet for weight loss (health blog)",
        "Many people get 'keto flu' in the first week: tiredness, headache and nausea. Over the longer term the diet can raise LDL cholesterol in some people and make kidney stones more likely.",
        "keto flu, raised LDL and kidney stones from the diet",
    ),
    (
        "Physiotherapy after shoulder surgery | MoveWell Physio",
        "The exercises will cause some soreness, and it is normal to ache for an hour or two after a session. Pushing too hard too early can damage the repair, so stick to the range your physio sets.",
        "soreness and risk of damaging the repair from the exercises",
    ),
    (
        "Warfarin: your anticoagulant booklet",
        "The main risk of warfarin is bleeding. Get urgent help if you have a nosebleed that will not stop, blood in your urine, or a fall in which you hit your head.",
        "bleeding as the drug's main risk with warning signs",
    ),
    (
        "Dermal fillers for lips | Bellamy Cosmetic Clinic",
        "Swelling, tenderness and bruising are expected for a few days. Rarely, filler can block a blood vessel, which can damage the skin or, very rarely, affect eyesight; this is an emergency and we will treat it straight away.",
        "bruising and rare vascular occlusion, what happens if it goes wrong",
    ),
    (
        "Magnesium citrate powder - PureForm Minerals",
        "High doses of magnesium often cause loose stools or diarrhoea. People with kidney disease should not take it, because magnesium can build up in the blood.",
        "diarrhoea and accumulation risk of the supplement",
    ),
    (
        "Your flu vaccine: information leaflet (council public health team)",
        "Afterwards your arm may ache and feel sore for a day or two, and some people have a slight temperature or feel achy. Serious allergic reactions are very rare, and staff are trained to treat them.",
        "sore arm, fever and rare anaphylaxis from the vaccine",
    ),
    (
        "Gastric sleeve surgery | Pinnacle Bariatrics",
        "A leak from the staple line happens in around 1 to 2 in 100 operations and may need further surgery. Over the years some patients develop acid reflux or low vitamin and iron levels, so you will need lifelong supplements.",
        "quantified leak rate and long-term reflux and deficiencies",
    ),
    (
        "DriftWell melatonin sleep gummies",
        "Melatonin is generally safe for short-term use, but some people wake with a headache or feel groggy the next morning. Do not drive if you still feel drowsy.",
        "'safe' followed by named next-day side effects",
    ),
    (
        "Steroid joint injection | Orthocare Clinic",
        "For a day or two the joint may be more painful, which we call a steroid flare. If you have diabetes your blood sugar may rise for a few days, and there is a small risk of infection in the joint.",
        "flare, raised glucose and joint infection from the injection",
    ),
    (
        "Root canal treatment | Maple Dental Practice",
        "Your tooth may feel tender for a few days. Occasionally an instrument breaks inside the canal, or the tooth cracks later on, and it may then need to be taken out.",
        "tenderness, broken instrument and tooth loss from the procedure",
    ),
    (
        "RestRight sleep programme app",
        "In the first two weeks you will probably feel sleepier during the day, so don't drive if you feel drowsy. The programme is not suitable if you have epilepsy or bipolar disorder, because lost sleep can trigger seizures or mania.",
        "daytime sleepiness and seizure or mania risk of sleep restriction",
    ),
    (
        "Amoxicillin: how to take it | CarePoint Pharmacy",
        "Diarrhoea affects about 1 in 10 people, and some feel sick. Stop and get help at once if you get a rash with swelling of the lips or face or difficulty breathing, as this could be a serious allergic reaction.",
        "quantified diarrhoea and allergic reaction with action",
    ),
    (
        "Colonoscopy: patient information (endoscopy unit)",
        "Bleeding happens after about 1 in 100 colonoscopies in which polyps are removed. A tear in the bowel wall happens in about 1 in 1,000 and may need an operation to repair it.",
        "quantified bleeding and perforation rates",
    ),
    (
        "Cold-water immersion programme | Frostline Wellness",
        "The first plunge can cause a gasp reflex and a sudden rise in heart rate and blood pressure. In people with heart disease this can bring on an irregular heartbeat, so speak to your GP first.",
        "cold shock and arrhythmia risk of the plunge itself",
    ),
    (
        "GoldenRoot turmeric curcumin capsules",
        "Curcumin may interact with blood thinners such as warfarin and raise the risk of bleeding. Stop taking it two weeks before any planned surgery.",
        "interaction named as a bleeding harm with action",
    ),
    (
        "Breast augmentation | Elara Plastic Surgery",
        "Over time, scar tissue can tighten around the implant, making the breast hard or painful; this is a common reason for a second operation. Implants are not lifetime devices and can rupture.",
        "capsular contracture, reoperation and rupture",
    ),
    (
        "Naltrexone-bupropion tablets | SlimPath Online Clinic",
        "Nausea is the most common side effect and affects about a third of people in the first weeks. The tablets can raise blood pressure and heart rate, and very rarely cause seizures.",
        "quantified nausea, raised BP and rare seizures",
    ),
    (
        "Vasectomy | Oakfield Men's Health",
        "Most men have some bruising and swelling of the scrotum for a few days. A small number, roughly 1 to 2 in 100, are left with long-lasting pain in the testicles.",
        "bruising and quantified chronic pain after vasectomy",
    ),
    (
        "Lumina Home red light therapy mask",
        "Most users have no side effects. A few notice temporary redness, tightness or eye strain, so always wear the goggles supplied, and do not use the mask if you take medicines that make the skin sensitive to light.",
        "'no side effects' for most, then named harms and a warning",
    ),
    (
        "Electroconvulsive therapy: information for patients and families",
        "Headache, muscle aches and confusion are common straight after a treatment. Many people lose some memories of the weeks around the course, and for some, older memories do not fully come back.",
        "headache, confusion and memory loss from ECT",
    ),
    (
        "Minoxidil 5% foam | CarePoint Pharmacy",
        "You may lose more hair in the first 2 to 8 weeks before new growth appears. The foam can cause itching and a dry scalp and, if it reaches your face, unwanted facial hair.",
        "shedding, itching and facial hair from the product",
    ),
    (
        "From couch to marathon: a beginner's plan (running blog)",
        "Increasing your mileage too fast is the commonest cause of shin splints and stress fractures on plans like this one. If a pain gets worse as you run, stop and rest rather than pushing through.",
        "the programme's own overuse injuries with action",
    ),
    (
        "Prednisolone tablets: patient leaflet",
        "Prednisolone can increase your appetite and blood sugar, upset your sleep and change your mood. Taken for months it can thin your bones, and you must not stop suddenly; your dose has to be lowered slowly.",
        "appetite, glucose, mood, bone thinning and withdrawal",
    ),
    (
        "Tattoo removal | Inkfade Laser Studio",
        "Blistering and scabbing are normal after each session. There is a chance of scarring, and the treated skin may end up lighter or darker than the skin around it.",
        "blistering, scarring and pigment change",
    ),
    (
        "Dry needling | Peak Sports Therapy",
        "Soreness for 24 to 48 hours is common, and you may see a small bruise. A few people feel faint during treatment, so your first session is done lying down.",
        "soreness, bruising and fainting from the needling",
    ),
    (
        "Iron tablets (ferrous sulfate): pharmacy advice",
        "Iron tablets commonly cause constipation or stomach pain and will turn your stools black. Keep them out of reach of children, as an overdose of iron can kill a small child.",
        "constipation, stomach pain and overdose danger",
    ),
    (
        "LASIK laser eye surgery | ClearSight Vision",
        "Most people have dry, gritty eyes for a few months, and some notice halos or glare around lights at night. In a small number of cases the eye is over- or under-corrected and a second treatment is needed.",
        "dry eye, night glare and retreatment",
    ),
    (
        "Foam sclerotherapy for varicose veins | Vein Care Clinic",
        "You may get brown staining along the treated vein, which usually fades but can last a year. Rarely, a clot forms in the deep veins of the leg.",
        "staining and rare DVT from the treatment",
    ),
    (
        "Silent meditation retreat | Quiet Hills",
        "Intensive meditation can bring up distressing memories or anxiety, and a few people feel detached or unreal for a while afterwards. If you have a history of psychosis or severe trauma, please talk to us before booking.",
        "psychological harms of intensive meditation",
    ),
    (
        "Hormone replacement therapy: a guide | Willow Menopause Clinic",
        "Combined HRT slightly increases the risk of breast cancer, and HRT tablets, though not patches or gels, slightly raise the risk of blood clots. In the first months, breast tenderness and spotting are common.",
        "breast cancer and clot risk plus early side effects of HRT",
    ),
    (
        "QuitWell nicotine patches",
        "The patch may make the skin itchy or red where it sits, so move it to a new spot each day. Wearing it overnight can cause vivid dreams or broken sleep; take it off at bedtime if this happens.",
        "skin irritation and sleep disturbance with fixes",
    ),
    (
        "Tonsillectomy: information for parents (children's hospital)",
        "Your child's throat will be very sore for up to two weeks. About 1 in 30 children bleed from the throat in the fortnight afterwards; if you see any bright red blood, go straight to the emergency department.",
        "pain and quantified post-operative bleeding with action",
    ),
    (
        "CoreTone pelvic floor trainer",
        "Stop using the device if you feel pain or notice bleeding. Using it while you have a urine infection can make the infection worse.",
        "device's own pain, bleeding and infection risk",
    ),
    (
        "Semaglutide weekly injection | SlimPath Online Clinic",
        "Feeling sick, vomiting, constipation and diarrhoea are very common, especially when the dose goes up. Less often it can cause gallstones or inflammation of the pancreas, so seek help if you get severe stomach pain that spreads to your back.",
        "GI effects, gallstones and pancreatitis with warning sign",
    ),
    (
        "Spinal fusion surgery | NorthGate Spine",
        "Possible complications include infection, nerve damage causing weakness or numbness in the legs, and a leak of spinal fluid. Over time, the discs above and below the fusion may wear out faster.",
        "named complications and adjacent-level wear",
    ),
    (
        "Water fasting retreat | Serenity Springs",
        "Prolonged fasting can cause dizziness on standing, fainting and a dangerous drop in the salt level of your blood. Eating too much too soon afterwards can upset your heart rhythm, which is why we bring food back slowly.",
        "fainting, hyponatraemia and refeeding risk",
    ),
    (
        "Grass pollen allergy tablets | Northfield Allergy Clinic",
        "Itching or swelling in the mouth and throat is common in the first weeks. Rarely the tablets trigger a severe allergic reaction, so the first dose is taken at the clinic and you will be given an adrenaline pen.",
        "local reactions and rare anaphylaxis with precautions",
    ),
    (
        "10 Amazing Benefits of Apple Cider Vinegar (2024 Guide)",
        "While ACV has many benefits, it's important to note that drinking it undiluted can wear away tooth enamel and burn your throat. It may also lower potassium levels when taken with water tablets.",
        "SEO article naming enamel erosion, burns and low potassium",
    ),
    (
        "Lorazepam: patient information (mental health trust)",
        "Lorazepam can make you drowsy and unsteady, which raises the chance of falls in older people. Taken for more than a few weeks it can lead to dependence, and stopping suddenly may cause withdrawal such as anxiety, shaking or fits.",
        "drowsiness, falls, dependence and withdrawal",
    ),
]

NO = [
    (
        "Himalayan herbal detox tea - PureLeaf",
        "Our gentle blend flushes out harmful toxins and damaging free radicals that build up in the body. 100% natural, with no side effects.",
        "toxins the product claims to remove plus a flat denial",
    ),
    (
        "Microcurrent facial | Radiance Studio",
        "Unlike injectables, which can cause drooping eyelids and bruising, microcurrent is non-invasive and needle-free.",
        "harms are a competitor's, not this treatment's",
    ),
    (
        "Why statins matter | Hillcrest Cardiology",
        "Atorvastatin lowers your risk of heart attack and stroke by about a third and cuts the chance of needing a stent or bypass.",
        "benefit worded as risk reduction",
    ),
    (
        "Type 2 diabetes care | Meadowbank Family Practice",
        "Left untreated, high blood sugar can damage the nerves in your feet, your kidneys and the small blood vessels at the back of your eyes.",
        "the disease's complications, not the treatment's",
    ),
    (
        "Dental implants | Harbourside Dental",
        "As with any surgical procedure, there are some risks. Your dentist will discuss these with you at your consultation.",
        "boilerplate with no harm named",
    ),
    (
        "Tranquil Fields CBD oil 10%",
        "Our CBD is third-party lab tested, THC-free and made from organically grown hemp. Completely safe and non-addictive.",
        "safety claims and denial, no harms",
    ),
    (
        "Migraine treatment | Headway Neurology",
        "Migraine attacks can bring nausea, vomiting, sensitivity to light and, in some people, temporary numbness or weakness on one side of the body.",
        "symptoms of the disease",
    ),
    (
        "GutWise 50 Billion probiotic capsules",
        "The strains in GutWise interact with receptors in the gut lining to support a healthy immune response. Gentle on the stomach and suitable for daily use.",
        "receptor interaction and gentleness claim, no harms",
    ),
    (
        "Verdalia Herbals ginger capsules",
        "Ginger is a time-honoured remedy that eases the nausea and sickness caused by chemotherapy and pregnancy.",
        "benefit against other treatments' side effects",
    ),
    (
        "PRP hair restoration | Crestline Hair Clinic",
        "Because PRP uses your own blood, there is no risk of rejection or allergy. Zero downtime: most clients are back at work the same day.",
        "harms raised only to deny them",
    ),
    (
        "Amlodipine: information leaflet",
        "Like all medicines, amlodipine can cause side effects, although not everybody gets them. Talk to your doctor or pharmacist if you have any concerns.",
        "generic side-effect boilerplate, nothing named",
    ),
    (
        "Non-surgical knee programme | Orthocare Clinic",
        "Our knee programme avoids the risks of surgery, such as infection, blood clots and a long recovery.",
        "risks of the alternative (surgery)",
    ),
    (
        "Travel vaccinations | Globetrotter Travel Clinic",
        "Travellers to sub-Saharan Africa are at risk of yellow fever, typhoid and hepatitis A, which can cause serious illness or death.",
        "risks of the diseases and of travel",
    ),
    (
        "Osteoarthritis: about your condition (hospital leaflet)",
        "Osteoarthritis usually progresses slowly. Over the years the cartilage thins, the joint may become stiff and misshapen, and pain can disturb your sleep.",
        "natural course of the disease",
    ),
    (
        "HydraGlow facial | Lumiere Aesthetics",
        "Suitable for all skin types, including sensitive skin. The treatment is painless and there's zero downtime, so you can put make-up on straight after.",
        "who it's for and zero-downtime claim",
    ),
    (
        "OceanPure omega-3 fish oil",
        "Clinically tested and doctor-approved. Omega-3s help calm damaging inflammation and lower the risk of heart disease.",
        "safety badges and benefit in risk words",
    ),
    (
        "Chiropractic care for children | Align Spine Centre",
        "Our paediatric adjustments are gentle, safe and tailored to your child's age. Dr Hale has over 15 years' experience and is a member of the national chiropractic association.",
        "safety and credential claims, no harms",
    ),
    (
        "SnoreLess Pro anti-snoring mouthguard",
        "Snoring isn't just annoying: untreated sleep apnoea raises your risk of high blood pressure, heart attack and accidents caused by daytime sleepiness.",
        "risks of the untreated condition",
    ),
    (
        "Losartan: who can take it? | CarePoint Pharmacy",
        "Losartan is prescribed for adults with high blood pressure and for people with type 2 diabetes who have kidney disease.",
        "who the drug is for",
    ),
    (
        "Acupuncture for fertility | Still Point Clinic",
        "Our practitioners use single-use sterile needles and follow strict hygiene standards. Acupuncture has been practised safely for thousands of years.",
        "safety practices and tradition, no harms",
    ),
    (
        "IV NAD+ therapy | GlowLine Hydration Bar",
        "NAD+ helps repair DNA damage and fights the oxidative stress that drives cellular ageing.",
        "damage words describe what the drip claims to fix",
    ),
    (
        "Is weight-loss surgery right for you? | Pinnacle Bariatrics",
        "Obesity increases the risk of type 2 diabetes, several cancers, sleep apnoea and joint damage. Surgery is usually offered to people with a BMI of 40 or more, or 35 with a related condition.",
        "risks of obesity and eligibility",
    ),
    (
        "Antidepressants: what you need to know (health blog)",
        "All medications carry some risks, and antidepressants are no exception. It's important to weigh up the pros and cons with a qualified professional.",
        "vague risk boilerplate, nothing named",
    ),
    (
        "Your colonoscopy: getting to the hospital (endoscopy unit)",
        "Parking at the main site is limited and the roads can be icy in winter, so allow extra time and take care on the footpaths.",
        "risks of travel and weather",
    ),
    (
        "Why choose LASIK? | ClearSight Vision",
        "Contact lens wearers face a higher risk of eye infections and corneal ulcers every year they wear lenses. With LASIK, you can leave those risks behind.",
        "risks of the alternative (contact lenses)",
    ),
    (
        "BlossomBalance natural menopause relief",
        "Unlike HRT, which has been linked to breast cancer and blood clots, BlossomBalance uses gentle plant isoflavones.",
        "competitor's harms",
    ),
    (
        "Sports injury physiotherapy | MoveWell Physio",
        "Ignoring an ankle sprain can lead to long-term instability and repeated injury. Early physiotherapy reduces your risk of re-injury.",
        "risk of not treating and benefit",
    ),
    (
        "Metformin extended-release tablets | CarePoint Pharmacy",
        "The extended-release tablet was designed to be gentler on the stomach and is taken just once a day with your evening meal.",
        "tolerability claim without naming a harm",
    ),
    (
        "The truth about cosmetic surgery abroad | Elara Plastic Surgery blog",
        "Sadly we see patients whose operations abroad were done by unqualified surgeons, leaving them with infections and poor scarring. At Elara, every surgeon is on the specialist register.",
        "harms of other providers' mistakes",
    ),
    (
        "Deep tissue massage | Kneadwell Studio",
        "Massage helps flush lactic acid and toxins out of tired muscles, leaving you relaxed and renewed. It is a safe, natural way to ease tension.",
        "toxins removed and a safety claim",
    ),
    (
        "Why you need an anticoagulant | Hillcrest AF Clinic",
        "Atrial fibrillation makes clots more likely to form in the heart, and these can travel to the brain and cause a stroke. Apixaban reduces this risk.",
        "disease risk and benefit; drug's bleeding risk not mentioned",
    ),
    (
        "ScreenShield blue light glasses",
        "Harmful blue light from screens can damage your eyes and disrupt your sleep. ScreenShield lenses block 98% of it.",
        "harm attributed to screens, which the product blocks",
    ),
    (
        "SunDrop vitamin C 1000 mg",
        "Vitamin C interacts with plant iron in the gut to boost absorption, which makes it a safe companion to your iron supplement.",
        "beneficial interaction and safety claim",
    ),
    (
        "Do you need a root canal? | Brightsmile Dental",
        "Without treatment, an infected tooth can form an abscess, and the infection can spread to the jaw or, rarely, into the bloodstream.",
        "risks of not treating",
    ),
    (
        "Hair loss tablets | Thatch Telehealth",
        "Finasteride is a prescription medicine that works by blocking the enzyme that turns testosterone into DHT, the hormone that shrinks hair follicles.",
        "mechanism only",
    ),
    (
        "7 Proven Benefits of Intermittent Fasting (Ultimate Guide)",
        "Fasting triggers autophagy, a process in which your cells clear out damaged components. This may lower your risk of heart disease and some cancers.",
        "damage removed and benefit in risk words",
    ),
    (
        "Talking therapies: is it for me? (mental health service leaflet)",
        "CBT is recommended for people with depression, anxiety disorders, OCD and some sleep problems. You can refer yourself without seeing your GP first.",
        "who the therapy is for",
    ),
    (
        "PulseRelief massage gun",
        "Try it risk-free for 60 days: if you're not satisfied, send it back for a full refund.",
        "'risk-free' refers to money back",
    ),
    (
        "Cataracts explained | Riverbend Eye Hospital",
        "Cataracts are the leading cause of reversible blindness worldwide. Untreated, they can make driving at night dangerous and increase your risk of falls.",
        "risks of the untreated condition",
    ),
    (
        "Steroid creams for eczema: a parent's guide (children's skin clinic)",
        "Many parents worry about the side effects of steroid creams. Your nurse can talk through any concerns and show you how much cream to use.",
        "mentions worry about side effects without naming any",
    ),
    (
        "YouthFlow collagen peptides",
        "Every batch is tested for heavy metals and contaminants, so you can feel confident that what you take is pure and safe.",
        "purity testing, no harms",
    ),
    (
        "Ozone sauna therapy | Vitality Wellness Spa",
        "Ozone oxygenates the blood and neutralises viruses, bacteria and harmful toxins. There are no known side effects.",
        "toxins removed and denial of side effects",
    ),
    (
        "Knee replacement at Westbrook Hospital",
        "We are rated outstanding for safety by the national inspectorate, and our infection-control team audits every ward each month.",
        "institutional safety claim, no harms named",
    ),
    (
        "Weight-loss injections | SlimPath Online Clinic",
        "Our prescribers are registered doctors who review your medical history to make sure treatment is safe for you before anything is dispensed.",
        "safety process claim, no harms",
    ),
    (
        "Little Leaf homeopathic teething granules",
        "Homeopathic remedies are so dilute that they cannot cause side effects, which makes them ideal for babies and toddlers.",
        "flat denial of side effects",
    ),
    (
        "Epidural steroid injection for sciatica | Orthocare Clinic",
        "Sciatica happens when a disc presses on a nerve, causing pain, numbness or weakness that runs down the leg.",
        "symptoms of the condition",
    ),
    (
        "Your cholesterol results explained | Meadowbank Family Practice",
        "Your 10-year risk of a heart attack or stroke is worked out from your age, blood pressure, cholesterol and whether you smoke. A score above 10% means a statin may be offered.",
        "patient's risk profile and eligibility",
    ),
    (
        "Pharmacy flu clinic | CarePoint Pharmacy",
        "Flu can lead to pneumonia and hospital admission, especially in people over 65, pregnant women and those with long-term conditions.",
        "risks of the disease, not the vaccine",
    ),
    (
        "Dermal filler aftercare | Bellamy Cosmetic Clinic",
        "Our practitioners are all medically qualified and use only CE-marked premium fillers, so you are in safe hands.",
        "credentials and safety claim",
    ),
    (
        "Stop smoking hypnotherapy | Calm Mind Clinic",
        "Each cigarette contains over 70 cancer-causing chemicals, and smokers lose on average ten years of life. Hypnotherapy helps you break free in a single session.",
        "harms of smoking, not of hypnotherapy",
    ),
    (
        "Omeprazole: about your medicine",
        "Omeprazole reduces the amount of acid your stomach makes. It is used to treat heartburn and stomach ulcers, and to protect the stomach if you take anti-inflammatory painkillers.",
        "uses and protective benefit, no harms",
    ),
    (
        "DecomPro spinal decompression table",
        "Non-surgical, drug-free and FDA-cleared: a safe choice for patients who want to avoid the complications of back surgery.",
        "regulatory and safety claim, complications of alternative",
    ),
    (
        "The 30-Day Keto Meal Plan (Complete Guide)",
        "Before starting any new diet it is always wise to consult a healthcare professional, as individual results and risks may vary.",
        "boilerplate disclaimer, nothing named",
    ),
    (
        "HeatHaven infrared sauna blanket",
        "Sweating releases heavy metals and environmental toxins stored in fat cells, leaving your skin clearer and your mind sharper.",
        "toxins the product claims to remove",
    ),
    (
        "Cupping therapy | Lotus Wellness",
        "Cupping is one of the oldest healing practices in the world and is completely safe when carried out by a trained therapist.",
        "tradition and 'completely safe'",
    ),
    (
        "Hygienist appointments | Brightsmile Dental",
        "Gum disease may cause bleeding gums, bad breath and, in time, loose teeth. Regular scale-and-polish appointments help to prevent this.",
        "'may cause' describes the disease",
    ),
    (
        "Mole removal | Skinwise Clinic",
        "A changing mole can be a sign of melanoma, the most dangerous type of skin cancer, which can spread to other organs if it is not caught early.",
        "disease risk, not the removal's",
    ),
    (
        "ClearAir antihistamine nasal spray",
        "Non-drowsy formula. Starts working in 15 minutes and lasts up to 12 hours.",
        "'non-drowsy' denial plus benefits",
    ),
    (
        "GenoFit DNA diet plan",
        "Your DNA report highlights gene variants that raise your risk of weight gain, high cholesterol and type 2 diabetes, so your plan can target them.",
        "user's risk profile, not the plan's harms",
    ),
    (
        "Walking after a heart attack (cardiac rehab leaflet)",
        "Regular walking lowers blood pressure, helps control your weight and reduces the chance of a second heart attack.",
        "benefits in risk words",
    ),
]


def main():
    assert len(YES) == 60 and len(NO) == 60, (len(YES), len(NO))
    rows = [dict(title=t, text=x, label="yes", why=w) for t, x, w in YES]
    rows += [dict(title=t, text=x, label="no", why=w) for t, x, w in NO]
    random.Random(SEED).shuffle(rows)
    out = Path(__file__).with_name("probes.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            rec = {"id": f"h{201 + i}", "title": r["title"], "text": r["text"], "label": r["label"], "why": r["why"]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} probes to {out}")


if __name__ == "__main__":
    main()
