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
