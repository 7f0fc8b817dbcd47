// Name parts for synthetic people. Combinations are random; any likeness to a real person
// is chance. Demo data never holds real people.
export const GIVEN_NAMES = [
  'Aisha', 'Alex', 'Amara', 'Ben', 'Bethan', 'Callum', 'Chloe', 'Dan', 'Deepa', 'Eilidh', 'Ella', 'Farah', 'Finn',
  'Grace', 'Hamza', 'Harriet', 'Imran', 'Isla', 'Jack', 'Jade', 'Kofi', 'Laila', 'Leo', 'Maya', 'Mohammed', 'Nia',
  'Oliver', 'Priya', 'Rhys', 'Rosa', 'Sam', 'Sana', 'Tom', 'Yusuf', 'Zara', 'Owen', 'Megan', 'Tariq', 'Lucy', 'Kai',
] as const;

export const FAMILY_NAMES = [
  'Ahmed', 'Baker', 'Begum', 'Carter', 'Chowdhury', 'Davies', 'Edwards', 'Evans', 'Fletcher', 'Green', 'Hall', 'Hughes',
  'Iqbal', 'Jones', 'Kaur', 'Khan', 'Lewis', 'Mensah', 'Morgan', 'Nowak', 'Okafor', 'Patel', 'Price', 'Roberts',
  'Shah', 'Singh', 'Taylor', 'Thomas', 'Turner', 'Walker', 'Ward', 'Williams', 'Wright', 'Young', 'Osei', 'Kowalski',
] as const;

/** Children's and birth relatives' names, grouped loosely by heritage so a family's names go together. */
export interface NameSet {
  girls: readonly string[];
  boys: readonly string[];
  family: readonly string[];
}

export const HERITAGE_NAMES = {
  british: {
    girls: ['Amelia', 'Ava', 'Bella', 'Charlotte', 'Daisy', 'Eliza', 'Emily', 'Erin', 'Evie', 'Florence', 'Freya', 'Georgia', 'Hallie', 'Harper', 'Ivy', 'Isabelle', 'Lily', 'Lola', 'Maisie', 'Millie', 'Mia', 'Niamh', 'Olivia', 'Phoebe', 'Poppy', 'Rosie', 'Ruby', 'Scarlett', 'Sienna', 'Sophie', 'Willow', 'Summer'],
    boys: ['Alfie', 'Archie', 'Arthur', 'Bobby', 'Charlie', 'Dylan', 'Ethan', 'Finley', 'Frankie', 'Freddie', 'George', 'Harley', 'Harrison', 'Harry', 'Henry', 'Jacob', 'Jake', 'Jenson', 'Kian', 'Logan', 'Louie', 'Mason', 'Noah', 'Ollie', 'Reggie', 'Riley', 'Ronnie', 'Stanley', 'Teddy', 'Theo', 'Tommy', 'Tyler'],
    family: ['Bailey', 'Barker', 'Bennett', 'Bradley', 'Brooks', 'Chapman', 'Clarke', 'Collins', 'Cooper', 'Cox', 'Davies', 'Dixon', 'Ellis', 'Foster', 'Gibson', 'Griffiths', 'Harris', 'Hill', 'Holmes', 'Jackson', 'Jenkins', 'Johnson', 'Kelly', 'Lloyd', 'Marshall', 'Mason', 'Matthews', 'Mills', 'Morris', 'Owen', 'Palmer', 'Parker', 'Pearce', 'Phillips', 'Powell', 'Pritchard', 'Reynolds', 'Richards', 'Robinson', 'Rogers', 'Shaw', 'Simpson', 'Smith', 'Stevens', 'Watkins', 'Webb', 'Wilkinson', 'Wood'],
  },
  irish: {
    girls: ['Aoife', 'Bridget', 'Ciara', 'Kathleen', 'Mary', 'Nora', 'Roisin', 'Shannon', 'Siobhan', 'Tara'],
    boys: ['Cian', 'Connor', 'Darragh', 'Declan', 'Eoin', 'Liam', 'Michael', 'Patrick', 'Sean', 'Tadhg'],
    family: ['Brennan', 'Byrne', 'Connolly', 'Doyle', 'Gallagher', 'Kavanagh', 'Maguire', 'Murphy', 'Nolan', 'Quinn', 'Ryan', 'Sheridan', 'Walsh'],
  },
  southAsian: {
    girls: ['Aleena', 'Amira', 'Anaya', 'Ayesha', 'Fatima', 'Hafsa', 'Inaya', 'Maryam', 'Noor', 'Riya', 'Safa', 'Simran', 'Zainab', 'Zoya'],
    boys: ['Aarav', 'Adam', 'Arjun', 'Ayaan', 'Bilal', 'Harjit', 'Ibrahim', 'Ishaan', 'Musa', 'Rayan', 'Rohan', 'Yahya', 'Zain', 'Zayn'],
    family: ['Akhtar', 'Bibi', 'Chaudhry', 'Dhillon', 'Gill', 'Hussain', 'Islam', 'Mahmood', 'Malik', 'Miah', 'Rahman', 'Sandhu', 'Sharma', 'Uddin'],
  },
  african: {
    girls: ['Abena', 'Adaeze', 'Amani', 'Chioma', 'Efua', 'Ifeoma', 'Kemi', 'Nadia', 'Nkechi', 'Sade', 'Temi', 'Zuri'],
    boys: ['Ade', 'Chidi', 'Daniel', 'Ebuka', 'Femi', 'Jayden', 'Kwame', 'Samuel', 'Tobi', 'Tunde', 'Yaw', 'Emmanuel'],
    family: ['Adeyemi', 'Asante', 'Boateng', 'Eze', 'Mensah', 'Mohamed', 'Nwosu', 'Ogunleye', 'Okonkwo', 'Owusu', 'Abdi', 'Diallo'],
  },
  caribbean: {
    girls: ['Aaliyah', 'Destiny', 'Imani', 'Jada', 'Kayla', 'Keisha', 'Mya', 'Nevaeh', 'Tiana', 'Zara'],
    boys: ['Andre', 'Dante', 'Isaiah', 'Jaylen', 'Josiah', 'Kai', 'Malachi', 'Marcus', 'Reuben', 'Tyrese'],
    family: ['Bailey', 'Campbell', 'Francis', 'Grant', 'Henry', 'James', 'Lewis', 'Reid', 'Richards', 'Thompson', 'Williams', 'Morgan'],
  },
  easternEuropean: {
    girls: ['Alicja', 'Amelia', 'Antonina', 'Daria', 'Elena', 'Ioana', 'Julia', 'Lena', 'Maja', 'Natalia', 'Oliwia', 'Zuzanna'],
    boys: ['Adrian', 'Andrei', 'Antoni', 'Filip', 'Jakub', 'Kacper', 'Lukas', 'Mateusz', 'Mihai', 'Oskar', 'Szymon', 'Tomas'],
    family: ['Balogh', 'Dumitru', 'Horvath', 'Kazlauskas', 'Kowalczyk', 'Lewandowski', 'Novak', 'Petrov', 'Popescu', 'Wojcik', 'Zielinski', 'Ionescu'],
  },
  eastAsian: {
    girls: ['Amy', 'Chloe', 'Grace', 'Jasmine', 'Mei', 'Yan', 'Lily', 'Xin'],
    boys: ['Eric', 'Hao', 'Jason', 'Kevin', 'Ryan', 'Wei', 'Yu', 'Jun'],
    family: ['Chan', 'Chen', 'Ho', 'Lam', 'Li', 'Liu', 'Wang', 'Wong', 'Zhang'],
  },
  middleEastern: {
    girls: ['Aya', 'Hana', 'Layla', 'Mariam', 'Nour', 'Rania', 'Salma', 'Yasmin'],
    boys: ['Ahmad', 'Ali', 'Hassan', 'Karim', 'Omar', 'Rami', 'Sami', 'Yousef'],
    family: ['Abbas', 'Haddad', 'Hassan', 'Karimi', 'Mansour', 'Mohammadi', 'Rahimi', 'Saleh'],
  },
} as const satisfies Record<string, NameSet>;
export type Heritage = keyof typeof HERITAGE_NAMES;

/** Given names for birth parents and grandparents (adults now), when their heritage is British or Irish. */
export const ADULT_WOMEN = [
  'Amy', 'Carly', 'Charlene', 'Chelsea', 'Danielle', 'Donna', 'Emma', 'Gemma', 'Hayley', 'Jodie', 'Julie', 'Karen', 'Kayleigh', 'Kerry',
  'Laura', 'Leanne', 'Lisa', 'Michelle', 'Natalie', 'Nicola', 'Rebecca', 'Sarah', 'Shannon', 'Stacey', 'Tanya', 'Tracey',
] as const;
export const ADULT_MEN = [
  'Aaron', 'Adam', 'Ashley', 'Craig', 'Darren', 'Dean', 'Gary', 'Jamie', 'Jason', 'Kevin', 'Kyle', 'Lee', 'Liam', 'Luke', 'Mark',
  'Martin', 'Nathan', 'Paul', 'Ricky', 'Ryan', 'Scott', 'Shane', 'Steven', 'Wayne',
] as const;
